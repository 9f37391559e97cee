/**
 * Startup diagnostics shared by every feature: a clear report when a {@code memory.lifecycle.*} property is wrong.
 */
package io.github.memorylifecycle.diagnostics;
