package io.github.memorylifecycle.sample;

/**
 * What a leaky variant has leaked so far, so that the tour can be reset without a restart.
 */
interface LeakyState {

	/**
	 * Undoes every leak of this pattern so far.
	 * @return how many leaked things were released
	 */
	int reset();

}
