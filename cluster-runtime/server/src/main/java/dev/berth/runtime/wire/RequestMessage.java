package dev.berth.runtime.wire;

/**
 * A call that expects one {@link ResponseMessage} with the same {@code id}. The body is a registered message, e.g.
 * {@link LogsRequestMessage}; {@code deadlineMillis} is how long the caller waits, so the callee may skip late work.
 */
public record RequestMessage(long id, long deadlineMillis, Object body) {}
