package dev.berth.runtime.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The join handshake's cryptography (RUNTIME.md §2.4): the transcript both proofs cover, the agent's proof, the
 * master's proof, and the per-direction connection keys derived with HKDF from the join key and both nonces.
 */
public final class Handshake {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] joinKey;
  private final byte[] transcript;

  /** The handshake of one connection, from the join key and the two messages both sides have seen. */
  public Handshake(byte[] joinKey, HelloMessage hello, ChallengeMessage challenge) {
    this.joinKey = joinKey.clone();
    this.transcript = transcript(hello, challenge);
  }

  /** 32 random bytes for a hello's or challenge's nonce. */
  public static byte[] nonce() {
    byte[] n = new byte[32];
    RANDOM.nextBytes(n);
    return n;
  }

  /** What the agent sends in its {@link ProofMessage}. */
  public byte[] agentProof() {
    return Hmac.sha256(joinKey, "agent-proof".getBytes(StandardCharsets.UTF_8), transcript);
  }

  /** What the master sends in its {@link WelcomeMessage}. */
  public byte[] masterProof() {
    return Hmac.sha256(joinKey, "master-proof".getBytes(StandardCharsets.UTF_8), transcript);
  }

  /** Whether {@code proof} is the agent's, compared in constant time. */
  public boolean agentProofMatches(byte[] proof) {
    return proof != null && MessageDigest.isEqual(agentProof(), proof);
  }

  /** Whether {@code proof} is the master's, compared in constant time. */
  public boolean masterProofMatches(byte[] proof) {
    return proof != null && MessageDigest.isEqual(masterProof(), proof);
  }

  /** The key for frames the agent sends (the master verifies with it). */
  public byte[] agentToMasterKey() {
    return Hmac.hkdf(joinKey, transcript, "berth agent->master".getBytes(StandardCharsets.UTF_8));
  }

  /** The key for frames the master sends (the agent verifies with it). */
  public byte[] masterToAgentKey() {
    return Hmac.hkdf(joinKey, transcript, "berth master->agent".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] transcript(HelloMessage hello, ChallengeMessage challenge) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    field(out, Integer.toString(hello.protocolVersion()).getBytes(StandardCharsets.UTF_8));
    field(out, hello.registryFingerprint().getBytes(StandardCharsets.UTF_8));
    field(out, hello.nodeId().getBytes(StandardCharsets.UTF_8));
    field(out, hello.tokenId().getBytes(StandardCharsets.UTF_8));
    field(out, hello.clientNonce());
    field(out, challenge.serverNonce());
    return out.toByteArray();
  }

  // Length-prefixed, so no two transcripts with different fields hash alike.
  private static void field(ByteArrayOutputStream out, byte[] bytes) {
    int n = bytes.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(bytes);
  }
}
