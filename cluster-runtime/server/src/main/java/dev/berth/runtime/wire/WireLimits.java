package dev.berth.runtime.wire;

/**
 * Buffer sizes and protocol constants both ends share. Kryonet allocates a write buffer and a read (object) buffer
 * of these sizes per connection, and a frame larger than the read buffer cannot be received (kryonet#151), so
 * {@link BerthSerialization#prepare} refuses anything above {@link #MAX_FRAME_BYTES} on the sender's thread.
 */
public final class WireLimits {

  /** Bumped on any incompatible change to the handshake or framing. */
  public static final int PROTOCOL_VERSION = 1;

  /** Per-connection write buffer: room for several full frames, so a burst does not close the connection. */
  public static final int WRITE_BUFFER_BYTES = 1 << 20;

  /** Per-connection read buffer, the largest frame that can arrive. */
  public static final int OBJECT_BUFFER_BYTES = 256 * 1024;

  /** The largest serialized message body; the rest of the read buffer holds the frame header and tag. */
  public static final int MAX_FRAME_BYTES = OBJECT_BUFFER_BYTES - 64;

  /** Log text in one {@link LogsMessage} is cut to this many characters (from the start, keeping the tail). */
  public static final int MAX_LOG_CHARS = 128 * 1024;

  /**
   * Bytes of a build context in one {@link BuildContextMessage}: half a frame, so the record's other fields and the
   * HMAC tag always fit, and a fetch does not hold the connection's write buffer for long.
   */
  public static final int BUILD_CONTEXT_CHUNK_BYTES = 128 * 1024;

  /**
   * Build log lines in one {@link BuildReportMessage} stay below this many characters in all, counting two more for
   * each line's framing: three bytes each at worst, still below a frame.
   */
  public static final int MAX_BUILD_REPORT_CHARS = 64 * 1024;

  /** Kryonet keep-alive and timeout on both ends (RUNTIME.md §2.3 item 7), a backstop to the master's detector. */
  public static final int KEEP_ALIVE_MILLIS = 1000;

  public static final int TIMEOUT_MILLIS = 3000;

  /** How often agents heartbeat. */
  public static final int HEARTBEAT_MILLIS = 1000;

  /** A connection that has not finished the handshake by then is closed (HANDSHAKE_TIMEOUT). */
  public static final int HANDSHAKE_TIMEOUT_MILLIS = 5000;

  private WireLimits() {}
}
