package io.github.memorylifecycle.benchmarks.report;

/**
 * The benchmarks of issue 9 whose subjects were not in the code base when this module was written. Printed at the
 * end of the report until they exist.
 */
final class NotYetMeasured {

	static final String MARKDOWN = """

			## Not measured yet

			These need the tracked scheduler, the tracked multicaster, the endpoint and the leak watcher, which are
			merged after this module. Each becomes a `@Comparison` class with `baseline` and `starter` methods (the
			report picks it up by itself):

			| benchmark | starter side | baseline | target |
			|---|---|---|---|
			| schedule + cancel | `TrackedTaskScheduler.schedule(task, now + 1 h)` then `future.cancel(false)` | the same on a raw `ThreadPoolTaskScheduler` (both `removeOnCancelPolicy=true`) | ≥ 0.8× speed |
			| bytes per live timer | after-GC heap with 100 000 timers scheduled 1 h ahead on `TrackedTaskScheduler`, divided by 100 000 | the same on a raw `ThreadPoolTaskScheduler` | ≤ 200 B added per timer |
			| `publishEvent`, 1 and 100 listeners | a refreshed context whose `applicationEventMulticaster` is the tracked one | the same context with `SimpleApplicationEventMulticaster` | ≥ 0.95× speed, 0 B/op added |
			| endpoint document | read of `/actuator/memory-lifecycle` (the endpoint method plus JSON) with 100 000 live timers and 10 000 runtime listeners | the same with no timers or listeners | < 50 ms; response size bounded by the list limit |
			| leak watching | a request scope with one cleanup, leak watching on at its default sampling | the same with leak watching off | added time per scope reported; 0 B/op on unsampled scopes |

			The soak on leaky endpoints (growth shown and reported by the leak detection) runs once the sample app has
			them: list them in `LEAKY_ENDPOINTS` in `benchmarks/soak.sh`.
			""";

	private NotYetMeasured() {
	}

}
