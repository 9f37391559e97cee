package io.github.memorylifecycle.scope;

import java.util.List;

import org.springframework.aop.support.AopUtils;
import org.springframework.session.SessionRepository;

/**
 * The servlet sessions of Spring Session's {@link SessionRepository}, for the {@link SessionSweep}: asked about with
 * {@code findById}, which does not extend a session's life.
 */
final class SpringSessionSweptSessions implements SweptSessions {

	private static final List<String> EVENT_PUBLISHING_REPOSITORIES = List.of(
			"org.springframework.session.data.redis.RedisIndexedSessionRepository",
			"org.springframework.session.hazelcast.HazelcastIndexedSessionRepository");

	private final HttpSessionCleanupRegistry registry;

	private final SessionRepository<?> repository;

	private final Class<?> type;

	SpringSessionSweptSessions(HttpSessionCleanupRegistry registry, SessionRepository<?> repository) {
		this.registry = registry;
		this.repository = repository;
		this.type = AopUtils.getTargetClass(repository);
	}

	@Override
	public String store() {
		return this.type.getName();
	}

	@Override
	public boolean storePublishesEvents() {
		for (Class<?> candidate = this.type; candidate != null; candidate = candidate.getSuperclass()) {
			if (EVENT_PUBLISHING_REPOSITORIES.contains(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public List<String> sessionIds() {
		return this.registry.sessionIds();
	}

	@Override
	public boolean exists(String id) {
		return this.repository.findById(id) != null;
	}

	@Override
	public void found(String id) {
		this.registry.sessionStored(id);
	}

	@Override
	public int missing(String id, int missesBeforeEnd) {
		return this.registry.sessionMissing(id, missesBeforeEnd);
	}

}
