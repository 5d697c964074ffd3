package dev.berth.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryonet.Connection;
import com.esotericsoftware.kryonet.FrameworkMessage;
import com.esotericsoftware.kryonet.KryoNetException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BerthSerializationTest {

  private final BerthSerialization sender = new BerthSerialization();
  private final BerthSerialization receiver = new BerthSerialization();
  private final Connection out = new Connection() {};
  private final Connection in = new Connection() {};

  @Test
  void assignment_roundTrips_withEveryField() {
    HashMap<String, String> env = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-Xmx96m"));
    ReplicaSpecMessage spec =
        new ReplicaSpecMessage("default.web-1-a", "default", "web", 3, 2, "127.0.0.1:5000/web:1",
            new ArrayList<>(List.of("java")), new ArrayList<>(List.of("-jar", "app.jar")), env, 128L << 20, 500,
            new ArrayList<>(List.of(new PortMessage("http", 8080, "tcp"))), new HashMap<>(Map.of("/etc/a", "x=1")),
            new HealthCheckMessage("HTTP", 8080, "/health", new ArrayList<>(), 1000, 2000, 500, 3),
            new HashMap<>(Map.of("team", "a")),
            new JvmSizingMessage(new HashMap<>(Map.of("A", "b")), "200m", new ArrayList<>(List.of("-XX:+UseSerialGC")),
                new HashMap<>(Map.of("dev.berth.jvm.threads", "40"))));
    AssignMessage message = new AssignMessage(7, new ArrayList<>(List.of(spec)));

    Object back = roundTrip(message);

    assertThat(back).isInstanceOf(AssignMessage.class);
    AssignMessage got = (AssignMessage) back;
    assertThat(got.generation()).isEqualTo(7);
    assertThat(got.replicas().get(0)).usingRecursiveComparison().isEqualTo(spec);
  }

  @Test
  void report_roundTrips_withNullExitCodeAndIntegerMaps() {
    ObservationMessage o =
        new ObservationMessage("r1", 1, 0, "abc", "EXITED", 137, true, "NONE",
            new HashMap<>(Map.of(8080, 32768)), 1L, 2L, 3L, 4L, "OOM", new ArrayList<>(List.of("last line")),
            "image labels on node n1");
    ObservationMessage running =
        new ObservationMessage("r2", 1, 0, "def", "RUNNING", null, false, "HEALTHY", new HashMap<>(), 1L, 0L, 0L, 0L,
            "", new ArrayList<>(), "");

    ReportMessage got = (ReportMessage) roundTrip(new ReportMessage(new ArrayList<>(List.of(o, running))));

    assertThat(got.replicas()).hasSize(2);
    assertThat(got.replicas().get(0)).usingRecursiveComparison().isEqualTo(o);
    assertThat(got.replicas().get(1).exitCode()).isNull();
  }

  @Test
  void request_carriesItsBodyAndId() {
    RequestMessage got = (RequestMessage) roundTrip(new RequestMessage(42, 5000, new LogsRequestMessage("r1", 50)));

    assertThat(got.id()).isEqualTo(42);
    assertThat(got.body()).isEqualTo(new LogsRequestMessage("r1", 50));
  }

  @Test
  void prepare_unregisteredClass_failsOnCallerThread_namingTheClass() {
    assertThatThrownBy(() -> sender.prepare(new java.util.TreeMap<String, String>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.util.TreeMap")
        .hasMessageContaining("WireRegistry");
  }

  @Test
  void prepare_oversizeMessage_failsNamingTheLimit() {
    String big = "x".repeat(WireLimits.MAX_FRAME_BYTES + 10);

    assertThatThrownBy(() -> sender.prepare(new LogsMessage(big)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame limit");
  }

  @Test
  void write_fullBuffer_refusesWithoutWritingAnything() {
    ByteBuffer small = ByteBuffer.allocate(8);

    assertThatThrownBy(() -> sender.write(out, small, sender.prepare(new LogsMessage("0123456789"))))
        .isInstanceOf(KryoNetException.class);
    assertThat(small.position()).isZero();
    assertThat(sender.auth(out).failure()).isEqualTo("SLOW_CONSUMER");
  }

  @Test
  void plainBerthMessage_isRefused_asHandshakeRequired() {
    ByteBuffer frame = frame(new HeartbeatMessage(1, 1));

    assertThatThrownBy(() -> receiver.read(in, frame)).isInstanceOf(KryoNetException.class);
    assertThat(receiver.auth(in).failure()).isEqualTo("HANDSHAKE_REQUIRED");
  }

  @Test
  void plainFrameworkAndHandshakeMessages_areAcceptedBeforeAuthentication() {
    assertThat(receiver.read(in, frame(new FrameworkMessage.KeepAlive()))).isInstanceOf(FrameworkMessage.KeepAlive.class);
    assertThat(receiver.read(in, frame(new ChallengeMessage(new byte[] {1})))).isInstanceOf(ChallengeMessage.class);
  }

  @Test
  void taggedFrame_withMatchingKey_isAccepted_andPlainFramesAfterItAreNot() {
    byte[] key = new byte[32];
    sender.auth(out).enableSend(key);
    receiver.auth(in).enableReceive(key);

    assertThat(receiver.read(in, frame(new HeartbeatMessage(1, 1)))).isEqualTo(new HeartbeatMessage(1, 1));

    sender.forget(out);
    assertThatThrownBy(() -> receiver.read(in, frame(new FrameworkMessage.KeepAlive())))
        .isInstanceOf(KryoNetException.class);
    assertThat(receiver.auth(in).failure()).isEqualTo("AUTH_FAILED");
  }

  @Test
  void taggedFrame_withWrongKey_failsAuthentication() {
    sender.auth(out).enableSend(new byte[32]);
    byte[] other = new byte[32];
    other[0] = 1;
    receiver.auth(in).enableReceive(other);

    assertThatThrownBy(() -> receiver.read(in, frame(new HeartbeatMessage(1, 1))))
        .isInstanceOf(KryoNetException.class)
        .hasMessageContaining("HMAC");
    assertThat(receiver.auth(in).failure()).isEqualTo("AUTH_FAILED");
  }

  @Test
  void taggedFrame_withOneBodyBitFlipped_failsAuthentication() {
    byte[] key = new byte[32];
    sender.auth(out).enableSend(key);
    receiver.auth(in).enableReceive(key);
    ByteBuffer frame = frame(new HeartbeatMessage(1, 1));
    int last = frame.limit() - 1;
    frame.put(last, (byte) (frame.get(last) ^ 1));

    assertThatThrownBy(() -> receiver.read(in, frame)).isInstanceOf(KryoNetException.class);
  }

  @Test
  void replayedFrame_failsAuthentication() {
    byte[] key = new byte[32];
    sender.auth(out).enableSend(key);
    receiver.auth(in).enableReceive(key);
    ByteBuffer first = frame(new HeartbeatMessage(1, 1));
    ByteBuffer copy = ByteBuffer.allocate(first.remaining()).put(first.duplicate()).flip();
    receiver.read(in, first);

    assertThatThrownBy(() -> receiver.read(in, copy))
        .isInstanceOf(KryoNetException.class)
        .hasMessageContaining("sequence");
  }

  @Test
  void handshake_proofsMatchOnlyWithTheSameToken() {
    JoinToken token = JoinToken.generate();
    HelloMessage hello = new HelloMessage(1, WireRegistry.fingerprint(), "n1", token.id(), Handshake.nonce());
    ChallengeMessage challenge = new ChallengeMessage(Handshake.nonce());
    Handshake master = new Handshake(token.joinKey(), hello, challenge);
    Handshake agent = new Handshake(JoinToken.parse(token.write()).joinKey(), hello, challenge);
    Handshake impostor = new Handshake(JoinToken.generate().joinKey(), hello, challenge);

    assertThat(master.agentProofMatches(agent.agentProof())).isTrue();
    assertThat(agent.masterProofMatches(master.masterProof())).isTrue();
    assertThat(master.agentProofMatches(impostor.agentProof())).isFalse();
    assertThat(agent.agentToMasterKey()).isEqualTo(master.agentToMasterKey()).isNotEqualTo(master.masterToAgentKey());
  }

  @Test
  void joinToken_parse_rejectsMalformedText_withoutEchoingIt() {
    assertThatThrownBy(() -> JoinToken.parse("secretwithoutdot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<id>.<secret>")
        .hasMessageNotContaining("secretwithoutdot");
    assertThat(JoinToken.generate().toString()).doesNotContain(".");
  }

  private Object roundTrip(Object message) {
    return new BerthSerialization().decode(bodyOf(sender.prepare(message)));
  }

  private static byte[] bodyOf(PreparedFrame frame) {
    return frame.bytes;
  }

  /** A frame as Kryonet hands it to read(): positioned after the length, limited to the frame's end. */
  private ByteBuffer frame(Object message) {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    sender.write(out, buffer, message instanceof PreparedFrame ? message : sender.prepare(message));
    return buffer.flip();
  }
}
