package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a shell-less JRE root from scratch: the jlink'ed JRE at {@code /opt/java/openjdk}, its host
 * libraries and loader, the C.UTF-8 locale, account files, {@code /tmp} and the app's {@code /app}.
 */
final class ScratchJreRoot {

  static final String JAVA_HOME = "/opt/java/openjdk";
  static final String PATH = JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** Bumped when the root's layout changes, so jlink and Tomcat bases are rebuilt (part of their hash). */
  static final String VERSION = "2";

  /**
   * glibc's compatibility stubs: empty since glibc 2.34, but JNI libraries built against older glibc still name
   * them, and they cost 50 KB (ENVIRONMENT.md §3.1).
   */
  static final List<String> GLIBC_STUBS = List.of("libdl.so.2", "libpthread.so.0", "librt.so.1");

  private static final Path HOST_LOCALE = Path.of("/usr/lib/locale/C.utf8");
  private static final String LIB_DIR = "/lib/x86_64-linux-gnu";
  private static final String LOADER = "/lib64/ld-linux-x86-64.so.2";

  private ScratchJreRoot() {}

  /** Writes the JRE root; {@code libraries} is what {@link JlinkRuntime#link} returned. */
  static void write(RootFsWriter w, Path jre, Map<String, String> libraries) throws IOException {
    w.directory("/etc", 0755, RootFsWriter.Owner.ROOT);
    w.file("/etc/passwd", Passwd.passwd(), 0644);
    w.file("/etc/group", Passwd.group(), 0644);
    w.file("/etc/nsswitch.conf", Passwd.nsswitch(), 0644);
    w.directory("/tmp", 01777, RootFsWriter.Owner.ROOT);
    w.directory("/root", 0700, RootFsWriter.Owner.ROOT);
    w.directory(Passwd.APP_HOME, 0775, RootFsWriter.Owner.APP);
    w.tree(jre, JAVA_HOME, rel -> RootFsWriter.Owner.ROOT);
    for (Map.Entry<String, String> lib : libraries.entrySet()) {
      Path host = Path.of(lib.getValue());
      if (lib.getKey().equals(lib.getValue())) {
        w.hostFile(LOADER, host, RootFsWriter.Owner.ROOT);
        w.hostFile(LIB_DIR + "/" + host.getFileName(), host, RootFsWriter.Owner.ROOT);
      } else {
        w.hostFile(LIB_DIR + "/" + lib.getKey(), host, RootFsWriter.Owner.ROOT);
      }
    }
    for (String stub : GLIBC_STUBS) {
      Path host = Path.of(LIB_DIR, stub);
      if (!libraries.containsKey(stub) && Files.exists(host)) {
        w.hostFile(LIB_DIR + "/" + stub, host, RootFsWriter.Owner.ROOT);
      }
    }
    // Without the compiled locale file.encoding stays ANSI_X3.4-1968 even with LANG=C.UTF-8 (ENVIRONMENT.md §3.1).
    if (Files.isDirectory(HOST_LOCALE)) {
      w.tree(HOST_LOCALE, "/usr/lib/locale/C.utf8", rel -> RootFsWriter.Owner.ROOT);
    }
  }

  /** The environment every JVM base sets, as the public Temurin images do. */
  static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_HOME", JAVA_HOME);
    env.put("PATH", PATH);
    env.put("LANG", "C.UTF-8");
    return env;
  }

  /** {@code java -version} as the smoke test of a JVM base. */
  static List<String> javaVersion() {
    return List.of(JAVA_HOME + "/bin/java", "-version");
  }
}
