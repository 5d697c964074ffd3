package dev.berth.runtime.wire;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and HKDF-SHA256 (RFC 5869) on the JDK's {@code HmacSHA256}. */
final class Hmac {

  private Hmac() {}

  static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  static byte[] sha256(byte[] key, byte[]... parts) {
    Mac mac = mac(key);
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  /** HKDF-SHA256 with a 32-byte output: extract with {@code salt}, expand with {@code info}. */
  static byte[] hkdf(byte[] inputKey, byte[] salt, byte[] info) {
    byte[] prk = sha256(salt, inputKey);
    return sha256(prk, info, new byte[] {1});
  }
}
