package dev.berth.runtime.wire;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.TimeSerializers;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryonet.FrameworkMessage;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The one list of classes that may cross the wire, each with a fixed id: Kryonet's framework messages from 20,
 * JDK types from 50, Berth's messages from 100. Both ends register the same list, and the handshake compares
 * {@link #fingerprint()}, so a master and an agent built from different lists refuse each other instead of
 * misreading frames. Kryo writes a record's components in order with no names, so the fingerprint covers each
 * message's components too: a field added to a message changes it like a new class does. Append new classes with
 * new ids; never renumber.
 */
public final class WireRegistry {

  private static final List<Entry> ENTRIES =
      List.of(
          // Kryonet's own frames (keep-alive, ping, and the TCP registration the server sends on accept).
          new Entry(20, FrameworkMessage.RegisterTCP.class),
          new Entry(21, FrameworkMessage.RegisterUDP.class),
          new Entry(22, FrameworkMessage.KeepAlive.class),
          new Entry(23, FrameworkMessage.DiscoverHost.class),
          new Entry(24, FrameworkMessage.Ping.class),
          // JDK types the messages use.
          new Entry(50, byte[].class),
          new Entry(51, ArrayList.class),
          new Entry(52, HashMap.class),
          new Entry(53, LinkedHashMap.class),
          new Entry(54, Integer.class),
          new Entry(55, Long.class),
          new Entry(56, java.time.Instant.class),
          // Handshake.
          new Entry(100, HelloMessage.class),
          new Entry(101, ChallengeMessage.class),
          new Entry(102, ProofMessage.class),
          new Entry(103, WelcomeMessage.class),
          new Entry(104, RefusedMessage.class),
          // Node → master.
          new Entry(110, JoinMessage.class),
          new Entry(111, HeartbeatMessage.class),
          new Entry(112, ReportMessage.class),
          new Entry(113, ObservationMessage.class),
          // Master → node.
          new Entry(120, AssignMessage.class),
          new Entry(121, ReplicaSpecMessage.class),
          new Entry(122, PortMessage.class),
          new Entry(123, HealthCheckMessage.class),
          new Entry(124, JvmSizingMessage.class),
          // Request / response.
          new Entry(130, RequestMessage.class),
          new Entry(131, ResponseMessage.class),
          new Entry(132, LogsRequestMessage.class),
          new Entry(133, LogsMessage.class),
          // Build jobs.
          new Entry(140, BuildJobMessage.class),
          new Entry(141, BuildReportMessage.class),
          new Entry(142, BuildContextRequestMessage.class),
          new Entry(143, BuildContextMessage.class),
          new Entry(144, BuildCancelMessage.class));

  private static final String FINGERPRINT = computeFingerprint();

  private WireRegistry() {}

  /** A new Kryo 5 instance with every wire class registered, registration required, no references. */
  public static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    // Records and no-arg classes through their constructors; Kryonet's framework classes have no-arg constructors.
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    for (Entry e : ENTRIES) {
      if (e.type() == java.time.Instant.class) {
        kryo.register(e.type(), new TimeSerializers.InstantSerializer(), e.id());
      } else {
        kryo.register(e.type(), e.id());
      }
    }
    return kryo;
  }

  /** Whether {@code type} is a Berth handshake message, the only ones an unverified connection may send. */
  public static boolean isHandshake(Class<?> type) {
    return type == HelloMessage.class
        || type == ChallengeMessage.class
        || type == ProofMessage.class
        || type == WelcomeMessage.class
        || type == RefusedMessage.class;
  }

  /**
   * SHA-256 over {@code id:class:serializer} lines of the registration, in id order, as hex; a record's line ends
   * with its components, {@code (type name, …)}.
   */
  public static String fingerprint() {
    return FINGERPRINT;
  }

  /** The registration's lines as hashed by {@link #fingerprint()}, for the golden-file test's message. */
  public static List<String> lines() {
    Kryo kryo = newKryo();
    List<String> lines = new ArrayList<>();
    for (Entry e : ENTRIES) {
      Registration r = kryo.getRegistration(e.type());
      lines.add(r.getId() + ":" + e.type().getName() + ":" + r.getSerializer().getClass().getName()
          + components(e.type()));
    }
    return lines;
  }

  private static String components(Class<?> type) {
    if (!type.isRecord()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      parts.add(c.getGenericType().getTypeName() + " " + c.getName());
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static String computeFingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String line : lines()) {
        sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private record Entry(int id, Class<?> type) {}
}
