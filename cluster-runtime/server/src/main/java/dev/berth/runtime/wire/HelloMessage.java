package dev.berth.runtime.wire;

/**
 * The agent's first frame: who it is, which protocol and registry it speaks, which join token it holds, and its
 * nonce for the challenge.
 */
public record HelloMessage(
    int protocolVersion, String registryFingerprint, String nodeId, String tokenId, byte[] clientNonce) {}
