package io.github.memorylifecycle.work;

import io.github.memorylifecycle.warning.WarningKind;

/**
 * How one kind of tracked work is named in the messages of the core, so that the growth warning is written once
 * for every adapter: timers, async work, Reactor timers.
 *
 * @param noun one piece of work, in the descriptions of scope cleanups: {@code timer}
 * @param plural many pieces of work that are live, as the warning starts: {@code live timers scheduled}
 * @param atOnce said after the site, when the plural does not already say the work is live: {@code  are pending at
 * once}, or empty
 * @param keeps what each piece of work keeps alive and until when
 * @param fix the first thing to check
 * @param boundWith the public type whose {@code boundTo(Lifespan)} binds such work
 * @param thresholdProperty the property of the growth threshold
 * @param warningKind the kind of the growth warning
 */
public record WorkVocabulary(String noun, String plural, String atOnce, String keeps, String fix, String boundWith,
		String thresholdProperty, WarningKind warningKind) {

	/**
	 * Words the growth warning of one site.
	 * @param site the site's name
	 * @param count its live work
	 * @param threshold the configured threshold
	 * @return the message
	 */
	String growthMessage(String site, long count, int threshold) {
		return count + " " + this.plural + " from " + site + this.atOnce + ": each one keeps " + this.keeps + ". "
				+ this.fix + ", bind them to a request, session or owner (" + this.boundWith
				+ ".boundTo(Lifespan.request()), Lifespan.session() or Lifespan.owner(owner)), or raise "
				+ this.thresholdProperty + " (now " + threshold + ") if this many is expected";
	}

}
