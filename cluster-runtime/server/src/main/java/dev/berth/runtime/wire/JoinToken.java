package dev.berth.runtime.wire;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A join token: a public id and a 256-bit secret, written {@code <id>.<secret in base64url>}. The secret never
 * crosses the wire: both ends derive the join key from it ({@link #joinKey()}) and prove they hold it.
 */
public final class JoinToken {

  private final String id;
  private final byte[] secret;

  private JoinToken(String id, byte[] secret) {
    this.id = id;
    this.secret = secret.clone();
  }

  /** A fresh token with a random id and secret. */
  public static JoinToken generate() {
    SecureRandom random = new SecureRandom();
    byte[] idBytes = new byte[6];
    random.nextBytes(idBytes);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new JoinToken(java.util.HexFormat.of().formatHex(idBytes), secret);
  }

  /**
   * Reads a token as written by {@link #toString()}.
   *
   * @throws IllegalArgumentException naming what is wrong, never echoing the secret
   */
  public static JoinToken parse(String text) {
    Objects.requireNonNull(text, "join token");
    String trimmed = text.strip();
    int dot = trimmed.indexOf('.');
    if (dot <= 0 || dot == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "the join token is not of the form <id>.<secret>; copy it whole from the master's join-token file");
    }
    byte[] secret;
    try {
      secret = Base64.getUrlDecoder().decode(trimmed.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the join token's secret is not base64url; copy it whole from the master's join-token file");
    }
    if (secret.length < 16) {
      throw new IllegalArgumentException(
          "the join token's secret has " + secret.length + " bytes, expected 32; copy it whole from the master");
    }
    return new JoinToken(trimmed.substring(0, dot), secret);
  }

  /** The public part, sent in the hello so the master knows which secret to check against. */
  public String id() {
    return id;
  }

  /** K_join = HMAC-SHA256(secret, "berth-join-v1" || id), the key both handshake proofs use. */
  public byte[] joinKey() {
    return Hmac.sha256(secret, ("berth-join-v1:" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The token as written in files and passed to agents. */
  public String write() {
    return id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Only the id: a token's secret is never printed or logged. */
  @Override
  public String toString() {
    return "JoinToken[" + id + "]";
  }
}
