package dev.berth.runtime.wire;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * One connection's frame authentication: per-direction HMAC keys and sequence numbers, installed once the
 * handshake has derived them. Sending runs under Kryonet's per-connection write lock and receiving on its update
 * thread, so each direction is used by one thread at a time.
 *
 * <p>The receive rule: until the first authenticated frame arrives, plain frames are accepted but only Kryonet's
 * framework frames and handshake messages among them; after it, a plain frame, a bad tag or a sequence number that
 * does not increase fails the connection with {@code AUTH_FAILED}.
 */
public final class ChannelAuth {

  /** Bytes of HMAC-SHA256 kept per frame. */
  static final int TAG_BYTES = 16;

  private volatile Mac sendMac;
  private long sendSequence;
  private volatile Mac receiveMac;
  private long receiveSequence;
  private volatile boolean authenticatedSeen;
  private volatile String failure;

  /** From now on every frame sent is tagged with {@code key}. */
  public void enableSend(byte[] key) {
    sendMac = Hmac.mac(key);
  }

  /** From now on tagged frames are verified with {@code key}. */
  public void enableReceive(byte[] key) {
    receiveMac = Hmac.mac(key);
  }

  /** Whether frames sent are tagged. */
  public boolean sending() {
    return sendMac != null;
  }

  /** Whether a valid tagged frame has arrived, which proves the peer holds the key. */
  public boolean authenticatedSeen() {
    return authenticatedSeen;
  }

  /** Why the serialization failed this connection ({@code AUTH_FAILED}, {@code HANDSHAKE_REQUIRED}, ...), or null. */
  public String failure() {
    return failure;
  }

  void fail(String reason) {
    if (failure == null) {
      failure = reason;
    }
  }

  long nextSendSequence() {
    return ++sendSequence;
  }

  Mac sendMac() {
    return sendMac;
  }

  byte[] tag(Mac mac, long sequence, byte[] payload) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      mac.update((byte) (sequence >>> shift));
    }
    mac.update(payload);
    return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
  }

  /** Checks a received tagged frame; returns the failure, or null when the frame is authentic and in order. */
  String verify(long sequence, byte[] tag, byte[] payload) {
    Mac mac = receiveMac;
    if (mac == null) {
      return "a tagged frame arrived before the handshake derived keys";
    }
    if (!MessageDigest.isEqual(tag(mac, sequence, payload), tag)) {
      return "a frame's HMAC tag does not match";
    }
    if (sequence <= receiveSequence) {
      return "frame sequence " + sequence + " does not follow " + receiveSequence + " (replayed or reordered)";
    }
    receiveSequence = sequence;
    authenticatedSeen = true;
    return null;
  }
}
