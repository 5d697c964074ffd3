package dev.berth.runtime.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.util.Pool;
import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.KryoNetException;
import com.esotericsoftware.kryonet.Serialization;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;

/**
 * Kryonet's {@link Serialization} on Kryo 5 with Berth's framing: after Kryonet's 4-byte length, a flag byte, and
 * for authenticated frames an 8-byte sequence number and a 16-byte HMAC-SHA256 tag, then the Kryo 5 body.
 *
 * <p>Kryo instances are pooled because sends come from many threads. Callers pass {@link #prepare}'s result to
 * {@code sendTCP}, so an unregistered class or an oversize message fails on their thread before any byte reaches
 * Kryonet's write buffer (a half-written frame would corrupt the stream, RUNTIME.md §2.2). A receive failure closes
 * the connection, and {@link ChannelAuth#failure()} says why.
 */
public final class BerthSerialization implements Serialization {

  private static final byte PLAIN = 0;
  private static final byte TAGGED = 1;
  private static final int TAGGED_HEADER = 1 + 8 + ChannelAuth.TAG_BYTES;

  private final Pool<Kryo> kryos =
      new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
          return WireRegistry.newKryo();
        }
      };
  private final Map<Connection, ChannelAuth> auths = new ConcurrentHashMap<>();

  /** The authentication state of {@code connection}, created plain on first use. */
  public ChannelAuth auth(Connection connection) {
    return auths.computeIfAbsent(connection, c -> new ChannelAuth());
  }

  /** Drops a connection's keys; a client reconnecting on the same object starts plain again. */
  public void forget(Connection connection) {
    auths.remove(connection);
  }

  /**
   * Serializes {@code message} now, on the caller's thread.
   *
   * @throws IllegalArgumentException when its class (or a class inside it) is not in {@link WireRegistry}, or it is
   *     larger than {@link WireLimits#MAX_FRAME_BYTES}
   */
  public PreparedFrame prepare(Object message) {
    return new PreparedFrame(encode(message), message.getClass());
  }

  /** Reads a body written by {@link #prepare} (tests and tools). */
  public Object decode(byte[] body) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.readClassAndObject(new Input(body));
    } finally {
      kryos.free(kryo);
    }
  }

  private byte[] encode(Object message) {
    Kryo kryo = kryos.obtain();
    try (Output out = new Output(1024, WireLimits.MAX_FRAME_BYTES)) {
      kryo.writeClassAndObject(out, message);
      return out.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      // Kryo reports an unregistered class as IllegalArgumentException, an overflow as KryoException.
      String why = e.getMessage() != null && e.getMessage().startsWith("Buffer overflow")
          ? "is larger than the " + WireLimits.MAX_FRAME_BYTES + "-byte frame limit (WireLimits)"
          : "cannot be serialized: " + firstLine(e.getMessage()) + " (register it in WireRegistry)";
      throw new IllegalArgumentException("wire message " + message.getClass().getName() + " " + why, e);
    } finally {
      kryos.free(kryo);
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  @Override
  public void write(Connection connection, ByteBuffer buffer, Object object) {
    byte[] body;
    if (object instanceof PreparedFrame frame) {
      body = frame.bytes;
    } else {
      // Kryonet's own frames (keep-alive, ping, registration) are the only objects that arrive unprepared.
      try {
        body = encode(object);
      } catch (IllegalArgumentException e) {
        throw new KryoNetException(e.getMessage(), e);
      }
    }
    ChannelAuth auth = connection == null ? null : auth(connection);
    Mac mac = auth == null ? null : auth.sendMac();
    int needed = (mac == null ? 1 : TAGGED_HEADER) + body.length;
    if (buffer.remaining() < needed) {
      if (auth != null) {
        auth.fail("SLOW_CONSUMER");
      }
      throw new KryoNetException("write buffer full: " + needed + " B needed, " + buffer.remaining() + " B free");
    }
    if (mac == null) {
      buffer.put(PLAIN);
    } else {
      long sequence = auth.nextSendSequence();
      buffer.put(TAGGED).putLong(sequence).put(auth.tag(mac, sequence, body));
    }
    buffer.put(body);
  }

  @Override
  public Object read(Connection connection, ByteBuffer buffer) {
    ChannelAuth auth = auth(connection);
    byte flag = buffer.get();
    long sequence = 0;
    byte[] tag = null;
    if (flag == TAGGED) {
      sequence = buffer.getLong();
      tag = new byte[ChannelAuth.TAG_BYTES];
      buffer.get(tag);
    } else if (flag != PLAIN) {
      auth.fail("AUTH_FAILED");
      throw new KryoNetException("unknown frame flag " + flag);
    }
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    if (flag == TAGGED) {
      String bad = auth.verify(sequence, tag, body);
      if (bad != null) {
        auth.fail("AUTH_FAILED");
        throw new KryoNetException(bad);
      }
    } else if (auth.authenticatedSeen()) {
      auth.fail("AUTH_FAILED");
      throw new KryoNetException("a plain frame arrived after authenticated ones");
    }
    Object message = decode(body);
    if (flag == PLAIN && !(message instanceof FrameworkMessage) && !WireRegistry.isHandshake(message.getClass())) {
      auth.fail("HANDSHAKE_REQUIRED");
      throw new KryoNetException(message.getClass().getSimpleName() + " arrived without authentication");
    }
    return message;
  }

  @Override
  public int getLengthLength() {
    return 4;
  }

  @Override
  public void writeLength(ByteBuffer buffer, int length) {
    buffer.putInt(length);
  }

  @Override
  public int readLength(ByteBuffer buffer) {
    return buffer.getInt();
  }
}
