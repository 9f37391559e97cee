package io.github.memorylifecycle.sample;

import io.github.memorylifecycle.test.LeakAssertions;
import io.github.memorylifecycle.test.LeakCheck;
import io.github.memorylifecycle.test.LeakCheckpoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sample's fixed endpoints under {@link LeakCheck}: each leaves nothing behind, over real HTTP. The leaky timer
 * endpoint, checked the same way with {@link LeakAssertions}, fails naming the timer and the line that scheduled it:
 * what a team's build would do before such a leak ships.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@LeakCheck
class LeakCheckTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void fixedTimersLeaveNothingBehind() {
		for (int i = 0; i < 5; i++) {
			assertThat(new SampleClient(this.port).post("/leaks/timer/fixed")).isEqualTo("2 samples collected");
		}
	}

	@Test
	void fixedListenersLeaveNothingBehind() {
		for (int i = 0; i < 5; i++) {
			assertThat(new SampleClient(this.port).post("/leaks/listener/fixed")).isEqualTo("price shown by 1 display(s)");
		}
	}

	@Test
	void fixedClosuresLeaveNothingBehind() {
		for (int i = 0; i < 5; i++) {
			assertThat(new SampleClient(this.port).post("/leaks/closure/fixed")).endsWith("1 refresh callback(s) held");
		}
	}

	@Test
	void fixedGlobalFieldLeavesNothingBehind() {
		for (int i = 0; i < 5; i++) {
			assertThat(new SampleClient(this.port).post("/leaks/global/fixed")).endsWith("1 upload(s) parked");
		}
	}

	@Test
	@LeakCheck(allow = io.github.memorylifecycle.test.LeakKind.TIMER) // the leak below is the point of this test
	void theLeakyTimerEndpointFailsALeakCheckNamingTheTimer() {
		LeakCheckpoint checkpoint = LeakAssertions.checkpoint(this.context);
		new SampleClient(this.port).post("/leaks/timer/leaky");
		assertThatThrownBy(() -> LeakAssertions.assertNoLeaks(checkpoint))
			.hasMessageContaining("1 timer left running: fixed-rate")
			.hasMessageContaining(TimerLeakController.class.getName());
	}

}
