package dev.berth.runtime.wire;

/** The master's answer to a hello: its nonce, which the agent's proof must cover. */
public record ChallengeMessage(byte[] serverNonce) {}
