package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Debian bookworm root filesystem made by mmdebstrap from Debian's mirrors, with only the packages a base needs
 * (ENVIRONMENT.md §3.2): the tar is written to {@code $BERTH_STATE}, checked by exit status and a smoke run
 * before tagging, and reused on a warm machine. Downloaded {@code .deb}s are kept in a shared apt cache there too.
 *
 * @param name short name for messages, e.g. {@code jre-17-debian}
 * @param variant mmdebstrap variant: {@code essential}, or {@code extract} for a bare unpacked package
 * @param packages packages to include
 * @param customize extra shell lines run on the host after install, with {@code $root} the root folder
 * @param config env, workdir, user, command and ports of the image
 * @param versions reads the runtime-version labels from the finished tar
 * @param smokeCommand run as uid 10001 before tagging; must print the runtime version
 */
record DebianRootRecipe(
    String name,
    String variant,
    List<String> packages,
    List<String> customize,
    ImageConfig config,
    VersionProbe versions,
    List<String> smokeCommand)
    implements BaseRecipe {

  static final String SUITE = "bookworm";

  /** Reads the version labels of a finished root filesystem tar. */
  @FunctionalInterface
  interface VersionProbe {
    Map<String, String> labels(Path tar) throws BaseImageException;
  }

  DebianRootRecipe {
    packages = List.copyOf(packages);
    customize = List.copyOf(customize);
    smokeCommand = List.copyOf(smokeCommand);
  }

  @Override
  public Map<String, String> inputs() {
    Map<String, String> in = new TreeMap<>();
    in.put("recipe", "debian-root");
    in.put("recipes.version", RECIPES_VERSION);
    in.put("debian.suite", SUITE);
    in.put("debian.variant", variant);
    in.put("debian.packages", String.join(",", packages));
    in.put("customize", customizeScript(Path.of("/ETC")));
    in.put("config", config.toString());
    return in;
  }

  @Override
  public RootFs rootFs(Workspace ws) throws BaseImageException {
    Path tar = ws.dir().resolve("rootfs.tar");
    if (!Files.exists(tar)) {
      bootstrap(tar, ws);
    } else {
      ws.progress().accept("reusing " + tar);
    }
    return new RootFs(tar, config.withLabels(versions.labels(tar)));
  }

  private void bootstrap(Path tar, Workspace ws) throws BaseImageException {
    Path etc = ws.dir().resolve("etc");
    Path script = ws.dir().resolve("customize.sh");
    try {
      Files.createDirectories(etc);
      Files.writeString(etc.resolve("passwd"), Passwd.passwd());
      Files.writeString(etc.resolve("group"), Passwd.group());
      Files.writeString(etc.resolve("nsswitch.conf"), Passwd.nsswitch());
      Files.writeString(script, customizeScript(etc));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new BaseImageException("cannot prepare " + ws.dir() + ": " + e.getMessage(), e);
    }
    mmdebstrap(variant, packages, script, tar, ws);
  }

  /**
   * Runs mmdebstrap into {@code tar}, through a partial file that is moved into place only when it exits 0 (a
   * failed bootstrap must never be imported: ENVIRONMENT.md §3.2).
   */
  static void mmdebstrap(String variant, List<String> packages, Path script, Path tar, Workspace ws)
      throws BaseImageException {
    Path cache = ws.state().resolve("debian/apt-archives");
    Path tmp = ws.state().resolve("tmp");
    // mmdebstrap picks its output format from the extension, so the partial file must end in .tar.
    Path partial = tar.resolveSibling("partial-" + tar.getFileName());
    try {
      Files.createDirectories(cache);
      Files.createDirectories(tmp);
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      throw new BaseImageException("cannot prepare " + ws.state() + ": " + e.getMessage(), e);
    }
    ws.progress().accept("mmdebstrap " + variant + " " + SUITE + " + " + String.join(" ", packages));
    // One mmdebstrap at a time per machine: they share the apt cache, and two on 2 cores are no faster.
    try (StateLock lock = StateLock.acquire(ws.state(), "mmdebstrap")) {
      ToolProcess.check(
          command(variant, packages, script, cache, partial, Mirrors.fromEnvironment()),
          Map.of("TMPDIR", tmp.toString()),
          ws.dir(),
          30);
    }
    try {
      Files.move(partial, tar, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BaseImageException("cannot move " + partial + " to " + tar + ": " + e.getMessage(), e);
    }
  }

  /**
   * The mmdebstrap command line; {@code script} runs as a customize hook with the root folder as {@code $1}. The
   * extract variant runs no customize hooks, so it gets neither the script nor the apt cache.
   */
  static List<String> command(
      String variant, List<String> packages, Path script, Path aptCache, Path output, Mirrors mirrors) {
    List<String> cmd = new ArrayList<>(List.of("mmdebstrap", "--variant=" + variant, "--mode=root"));
    if (!packages.isEmpty()) {
      cmd.add("--include=" + String.join(",", packages));
    }
    if (!variant.equals("extract")) {
      // Without it openjdk's postinst fails creating the java.1.gz alternative (ENVIRONMENT.md §3.2).
      cmd.add("--essential-hook=mkdir -p \"$1\"/usr/share/man/man1");
    }
    cmd.add("--dpkgopt=path-exclude=/usr/share/man/*");
    cmd.add("--dpkgopt=path-exclude=/usr/share/doc/*");
    cmd.add("--dpkgopt=path-exclude=/usr/share/locale/*");
    cmd.add("--dpkgopt=path-include=/usr/share/doc/*/copyright");
    if (!variant.equals("extract")) {
      cmd.add("--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/");
      cmd.add("--setup-hook=sync-in " + aptCache + " /var/cache/apt/archives/");
      cmd.add("--customize-hook=" + script);
      cmd.add("--customize-hook=sync-out /var/cache/apt/archives " + aptCache);
    }
    cmd.add(SUITE);
    cmd.add(output.toString());
    cmd.addAll(mirrors.sourcesLines(SUITE));
    return cmd;
  }

  /** The customize hook: the app user and {@code /app} in every root, then the recipe's own lines. */
  String customizeScript(Path etc) {
    StringBuilder s = new StringBuilder("#!/bin/sh\nset -eu\nroot=\"$1\"\n");
    s.append("mkdir -p \"$root/etc\" \"$root/tmp\"\n");
    s.append("chmod 1777 \"$root/tmp\"\n");
    s.append("[ -f \"$root/etc/passwd\" ] || cp ").append(etc.resolve("passwd")).append(" \"$root/etc/passwd\"\n");
    s.append("[ -f \"$root/etc/group\" ] || cp ").append(etc.resolve("group")).append(" \"$root/etc/group\"\n");
    s.append("[ -f \"$root/etc/nsswitch.conf\" ] || cp ")
        .append(etc.resolve("nsswitch.conf"))
        .append(" \"$root/etc/nsswitch.conf\"\n");
    s.append("grep -q '^" + Passwd.APP_USER + ":' \"$root/etc/passwd\" || echo '")
        .append(Passwd.APP_ENTRY)
        .append("' >> \"$root/etc/passwd\"\n");
    s.append("mkdir -p \"$root" + Passwd.APP_HOME + "\"\n");
    s.append("chown " + Passwd.APP_UID + ":" + Passwd.APP_GID + " \"$root" + Passwd.APP_HOME + "\"\n");
    s.append("chmod 0775 \"$root" + Passwd.APP_HOME + "\"\n");
    for (String line : customize) {
      s.append(line).append('\n');
    }
    return s.toString();
  }

  @Override
  public List<String> smokeCommand() {
    return smokeCommand;
  }

  /**
   * Debian mirrors: {@code BERTH_DEBIAN_MIRROR} / {@code BERTH_DEBIAN_SECURITY_MIRROR}, or deb.debian.org.
   *
   * @param main the main archive
   * @param security the security archive
   */
  record Mirrors(String main, String security) {

    static Mirrors fromEnvironment() {
      return new Mirrors(
          env("BERTH_DEBIAN_MIRROR", "http://deb.debian.org/debian"),
          env("BERTH_DEBIAN_SECURITY_MIRROR", "http://deb.debian.org/debian-security"));
    }

    /** sources.list lines for the suite, its updates and its security updates. */
    List<String> sourcesLines(String suite) {
      return List.of(
          "deb " + main + " " + suite + " main",
          "deb " + main + " " + suite + "-updates main",
          "deb " + security + " " + suite + "-security main");
    }

    private static String env(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }
}
