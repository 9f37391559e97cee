package io.github.memorylifecycle.test;

import java.util.List;

import io.github.memorylifecycle.test.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LeakCheck} on fixture test classes run through the JUnit Platform's {@link EngineTestKit}: each seeded
 * leak fails its test with a message naming it; each clean twin passes.
 */
class LeakCheckExtensionTests {

	@Test
	void aTimerLeftRunningFailsTheTestNamingItsScheduleAndSite() {
		assertThat(failureOf(Fixtures.SpringBootTestFixture.class, "leakyTimer"))
			.contains("1 timer left running: fixed-rate PT1H, "
					+ "io.github.memorylifecycle.test.fixtures.Fixtures$SpringBootTestFixture.leakyTimer:")
			.contains("@LeakCheck(allow = LeakKind.TIMER)");
	}

	@Test
	void aListenerLeftRegisteredFailsTheTest() {
		assertThat(failureOf(Fixtures.SpringBootTestFixture.class, "leakyListener"))
			.contains("1 listener left registered: ")
			.contains("PriceChanged")
			.contains("Fixtures$SpringBootTestFixture.leakyListener:");
	}

	@Test
	void pendingAsyncWorkFailsTheTest() {
		assertThat(failureOf(Fixtures.SpringBootTestFixture.class, "leakyAsyncTask"))
			.contains("1 async task left pending: ")
			.contains("Fixtures$SpringBootTestFixture.leakyAsyncTask:");
	}

	@Test
	void anObjectStillReachableFailsTheTestNamingItsClassAndDescription() {
		assertThat(failureOf(Fixtures.SpringBootTestFixture.class, "leakyRetainedObject"))
			.contains("1 object still reachable after its scope ended: java.lang.StringBuilder [user], "
					+ "io.github.memorylifecycle.test.fixtures.Fixtures$SpringBootTestFixture.leakyRetainedObject:")
			.contains("(user session)");
	}

	@Test
	void aRequestScopedBeanKeptInAStaticFailsTheTest() {
		assertThat(failureOf(Fixtures.SpringBootTestFixture.class, "leakyRequestScopedBean"))
			.contains("1 object still reachable after its scope ended: ")
			.contains("FixtureApplication$Cart");
	}

	@Test
	void aCleanupThatThrewFailsTheTest() {
		assertThat(failureOf(Fixtures.SpringBootTestFixture.class, "leakyFailedCleanup"))
			.contains("1 cleanup failed: request scope");
	}

	@Test
	void theCleanTwinOfEachLeakPasses() {
		for (String test : List.of("cleanTimer", "cleanListener", "cleanAsyncTask", "cleanRetainedObject",
				"cleanRequestScopedBean", "allowedTimer")) {
			run(Fixtures.SpringBootTestFixture.class, test).testEvents().assertStatistics((stats) -> stats.succeeded(1));
		}
	}

	@Test
	void worksInAWebMvcTestSlice() {
		assertThat(failureOf(Fixtures.WebMvcTestFixture.class, "leakyRequestScopedBean"))
			.contains("FixtureApplication$Cart");
		assertThat(failureOf(Fixtures.WebMvcTestFixture.class, "leakyTimer")).contains("1 timer left running: once ");
		run(Fixtures.WebMvcTestFixture.class, "cleanRequestScopedBean").testEvents()
			.assertStatistics((stats) -> stats.succeeded(1));
	}

	static EngineExecutionResults run(Class<?> type, String method) {
		return EngineTestKit.engine("junit-jupiter")
			.selectors(DiscoverySelectors.selectMethod(type, method))
			.execute();
	}

	static String failureOf(Class<?> type, String method) {
		List<Event> failed = run(type, method).testEvents().failed().list();
		assertThat(failed).as("%s.%s fails", type.getSimpleName(), method).hasSize(1);
		Throwable failure = failed.get(0)
			.getPayload(org.junit.platform.engine.TestExecutionResult.class)
			.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
			.orElseThrow();
		assertThat(failure).isInstanceOf(AssertionError.class);
		return failure.getMessage();
	}

}
