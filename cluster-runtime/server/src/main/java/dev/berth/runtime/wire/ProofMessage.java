package dev.berth.runtime.wire;

/** The agent's proof that it holds the join secret: HMAC-SHA256 of the handshake transcript under the join key. */
public record ProofMessage(byte[] proof) {}
