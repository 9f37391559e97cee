package io.github.memorylifecycle.sample;

/**
 * One leak pattern of the source texts, as the page lists it.
 *
 * @param id the path segment: {@code /leaks/{id}/leaky} and {@code /leaks/{id}/fixed}
 * @param title a short title
 * @param leak what the leaky variant does wrong, and which figure of the endpoint shows it
 * @param fix what the fixed variant does instead, with the starter's API
 */
record LeakPattern(String id, String title, String leak, String fix) {
}
