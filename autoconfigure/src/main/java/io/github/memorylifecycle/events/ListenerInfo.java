package io.github.memorylifecycle.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event listener added to the application context at run time and not removed yet.
 * <p>
 * Made of class names and the descriptions users gave only, never of {@code toString()} of user objects, so that
 * it is safe to log and to show in the actuator endpoint.
 *
 * @param id sequence number of the listener, in order of addition
 * @param eventType event type the listener listens to, with its generics resolved, for example
 * {@code com.example.OrderPlaced} or {@code org.springframework.context.PayloadApplicationEvent<java.lang.String>};
 * {@code org.springframework.context.ApplicationEvent} when Java erased it (listeners written as lambdas)
 * @param listener description of the listener: the one given to {@link ListenerRegistry#describedAs(String)}, or
 * the class name of the listener
 * @param owner owner the listener is bound to, as class name and identity hash ({@code com.example.Cart@1b2c3d}),
 * or {@code null}
 * @param scope scope the listener is bound to ({@code request}, {@code session}, {@code application},
 * {@code owner}), or {@code null} when nothing removes it but an explicit call
 * @param addedAt when the listener was added
 * @param site where the listener was added ({@code com.example.CartController.open:42}), or
 * {@code null} when site capture is off or the caller could not be told apart from the framework
 */
public record ListenerInfo(long id, String eventType, String listener, @Nullable String owner,
		@Nullable String scope, Instant addedAt, @Nullable String site) {
}
