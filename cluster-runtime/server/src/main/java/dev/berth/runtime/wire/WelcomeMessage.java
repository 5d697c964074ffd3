package dev.berth.runtime.wire;

/**
 * The master accepts the agent: the connection's id, the heartbeat period it expects, and its own proof, so the
 * agent knows it talks to a master holding the same secret (mutual authentication).
 */
public record WelcomeMessage(String connectionId, int heartbeatMillis, byte[] serverProof) {}
