package dev.berth.runtime.wire;

/**
 * A message already serialized on the sender's thread by {@link BerthSerialization#prepare}; Kryonet's write only
 * copies its bytes, so nothing can fail half way through a frame in the write buffer.
 */
public final class PreparedFrame {

  final byte[] bytes;
  private final Class<?> type;

  PreparedFrame(byte[] bytes, Class<?> type) {
    this.bytes = bytes;
    this.type = type;
  }

  /** The serialized message's class. */
  public Class<?> type() {
    return type;
  }

  /** The serialized size in bytes. */
  public int size() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "PreparedFrame[" + type.getSimpleName() + ", " + bytes.length + " B]";
  }
}
