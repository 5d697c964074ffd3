package dev.berth.runtime.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Extra Docker engines on this machine, one per simulated node (ENVIRONMENT.md §5): each with its own config file,
 * data and exec roots, pidfile, socket, bridge {@code berth<k>-0} and address pool, {@code --iptables=false}, and a
 * {@code DOCKER-USER} ACCEPT rule for its bridges. {@link #close()} undoes everything it did, in reverse order, even
 * after a partial start. Needs root; {@link #available()} says whether this machine can run them.
 */
final class ExtraEngines implements AutoCloseable {

  /** One started engine. */
  record Engine(int k, Path dir, String dockerHost) {}

  private final Path root;
  private final List<Engine> engines = new ArrayList<>();
  private final List<Runnable> undo = new ArrayList<>();

  ExtraEngines() {
    String state = System.getenv().getOrDefault("BERTH_STATE", "/var/tmp/berth");
    this.root = Path.of(state);
  }

  /** Whether dockerd, ip and iptables are here and we are root. */
  static boolean available() {
    return "root".equals(System.getProperty("user.name")) && onPath("dockerd") && onPath("ip") && onPath("iptables");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Starts one more engine on a free node number (20..60) and waits until it answers. */
  Engine start() throws IOException, InterruptedException {
    int k = freeNumber();
    Path dir = root.resolve("n" + k);
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("exec"));
    Files.writeString(dir.resolve("daemon.json"), "{}");
    // Registered first so it runs last, after the engine has stopped.
    undo.add(() -> deleteTree(dir));
    String bridge = "berth" + k + "-0";
    run("ip", "link", "add", bridge, "type", "bridge");
    undo.add(() -> quiet("ip", "link", "del", bridge));
    run("ip", "addr", "add", "10.231." + k + ".1/24", "dev", bridge);
    run("ip", "link", "set", bridge, "up");
    // The default engine sets FORWARD to DROP; this lets the node's own bridges talk (ENVIRONMENT.md §5).
    run("iptables", "-I", "DOCKER-USER", "-i", "berth" + k + "-+", "-o", "berth" + k + "-+", "-j", "ACCEPT");
    undo.add(() -> quiet("iptables", "-D", "DOCKER-USER", "-i", "berth" + k + "-+", "-o", "berth" + k + "-+", "-j",
        "ACCEPT"));
    Path pidFile = dir.resolve("docker.pid");
    Path socket = dir.resolve("docker.sock");
    ProcessBuilder pb = new ProcessBuilder("setsid", "dockerd", "--config-file", dir.resolve("daemon.json").toString(),
        "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
        "--pidfile", pidFile.toString(), "-H", "unix://" + socket, "--bridge=" + bridge, "--iptables=false",
        "--ip-masq=false", "--default-address-pool", "base=10." + (160 + k) + ".0.0/16,size=24")
        .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile());
    pb.start();
    undo.add(() -> stopEngine(pidFile, socket));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!answers(socket)) {
      if (System.nanoTime() > until) {
        throw new IOException("extra engine " + k + " did not answer within 60 s; see " + dir.resolve("dockerd.log"));
      }
      Thread.sleep(100);
    }
    Engine e = new Engine(k, dir, "unix://" + socket);
    engines.add(e);
    return e;
  }

  /** Copies an image from the default engine ({@code docker save | docker load}). */
  void copyImage(Engine e, String image) throws IOException, InterruptedException {
    run("sh", "-c", "docker save " + image + " | docker -H " + e.dockerHost() + " load -q");
  }

  /** Stops one engine now (its containers stop with it); the rest of its cleanup stays for {@link #close}. */
  void kill(Engine e) {
    stopEngine(e.dir().resolve("docker.pid"), e.dir().resolve("docker.sock"));
  }

  private static boolean answers(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder("curl", "-s", "--max-time", "1", "--unix-socket", socket.toString(),
          "http://localhost/_ping").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 && out.contains("OK");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private int freeNumber() throws IOException {
    for (int k = 20; k <= 60; k++) {
      if (!Files.exists(Path.of("/sys/class/net/berth" + k + "-0")) && !Files.exists(root.resolve("n" + k))) {
        return k;
      }
    }
    throw new IOException("no free extra-engine number in 20..60; remove stale " + root + "/n<k> folders");
  }

  private static void stopEngine(Path pidFile, Path socket) {
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid).ifPresent(h -> {
        h.destroy();
        try {
          h.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          h.destroyForcibly();
        }
      });
    } catch (IOException | NumberFormatException e) {
      // Nothing to stop.
    }
  }

  private static void deleteTree(Path dir) {
    // Mounts left by a killed engine would make a recursive delete fail part way; unmount first.
    quiet("sh", "-c", "grep -o ' " + dir + "[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l");
    quiet("rm", "-rf", dir.toString());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }

  private static void quiet(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      // Cleanup goes on with the next step.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
  }
}
