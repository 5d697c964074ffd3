package dev.berth.runtime.wire;

/** The agent's liveness signal, about once a second; {@code sequence} counts up from 1 per connection. */
public record HeartbeatMessage(long sequence, long sentAtMillis) {}
