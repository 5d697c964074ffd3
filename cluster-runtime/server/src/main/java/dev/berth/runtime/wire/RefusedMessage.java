package dev.berth.runtime.wire;

/**
 * Sent just before the master closes a connection it will not serve, so the agent can say why.
 *
 * @param reason machine-readable, e.g. {@code UNKNOWN_TOKEN}, {@code AUTH_FAILED}, {@code REGISTRY_MISMATCH}
 * @param message one sentence for the operator, naming the fix
 */
public record RefusedMessage(String reason, String message) {}
