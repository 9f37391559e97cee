package io.github.memorylifecycle.scope;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep's rules against Spring Session's in-memory {@link MapSessionRepository}: a session seen in the store
 * ends on the first sweep that misses it, one never seen there only on the third in a row (its first request may
 * still be writing it), and an id change is not taken for an end.
 */
class SessionSweepTests {

	private final MapSessionRepository store = new MapSessionRepository(new ConcurrentHashMap<>());

	private final HttpSessionCleanupRegistry registry = new HttpSessionCleanupRegistry();

	@SuppressWarnings("unchecked")
	private final SessionRepository<Session> observed = (SessionRepository<Session>) new SessionRepositoryEnds(
			() -> this.registry)
		.postProcessAfterInitialization(this.store, "sessionRepository");

	private final SessionSweep sweep = new SessionSweep(new SpringSessionSweptSessions(this.registry, this.observed),
			new SessionStoreProperties.Sweep(), Clock.systemUTC());

	private final List<String> ran = new ArrayList<>();

	@AfterEach
	void unbind() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aSessionSeenInTheStoreEndsOnTheFirstSweepThatMissesIt() {
		String id = registerOnNewSession("stored");
		this.observed.save(new MapSession(id));
		this.sweep.sweepOnce();
		assertThat(this.ran).isEmpty();
		this.store.deleteById(id); // behind the application's back: expired, or deleted by another instance
		this.sweep.sweepOnce();
		assertThat(this.ran).containsExactly("stored");
		assertThat(this.sweep.sweep().sessionsEnded()).isEqualTo(1);
	}

	@Test
	void aSessionNeverSeenInTheStoreEndsOnlyOnTheThirdSweepInARowThatMissesIt() {
		registerOnNewSession("unstored");
		this.sweep.sweepOnce();
		this.sweep.sweepOnce();
		assertThat(this.ran).isEmpty();
		this.sweep.sweepOnce();
		assertThat(this.ran).containsExactly("unstored");
	}

	@Test
	void aSessionWrittenBetweenTwoMissesIsNotEnded() {
		String id = registerOnNewSession("late");
		this.sweep.sweepOnce();
		this.sweep.sweepOnce();
		this.observed.save(new MapSession(id)); // its first request committed late
		this.sweep.sweepOnce();
		this.sweep.sweepOnce();
		assertThat(this.ran).isEmpty();
	}

	@Test
	void aNewIdIsNotTakenForAnEndBeforeTheSessionIsWrittenUnderIt() {
		String id = registerOnNewSession("rotated");
		this.observed.save(new MapSession(id));
		this.registry.sessionIdChanged(id, "rotated-" + id);
		this.store.deleteById(id);
		this.sweep.sweepOnce();
		assertThat(this.ran).isEmpty();
		assertThat(this.registry.sessionIds()).containsExactly("rotated-" + id);
		this.observed.deleteById("rotated-" + id);
		assertThat(this.ran).containsExactly("rotated");
	}

	@Test
	void aDeleteThroughTheRepositoryEndsTheSessionAtOnceAndOnlyOnce() {
		String id = registerOnNewSession("deleted");
		this.observed.save(new MapSession(id));
		this.observed.deleteById(id);
		this.observed.deleteById(id);
		this.sweep.sweepOnce();
		assertThat(this.ran).containsExactly("deleted");
	}

	private String registerOnNewSession(String name) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		this.registry.register(name, () -> this.ran.add(name));
		String id = request.getSession().getId();
		RequestContextHolder.resetRequestAttributes();
		return id;
	}

}
