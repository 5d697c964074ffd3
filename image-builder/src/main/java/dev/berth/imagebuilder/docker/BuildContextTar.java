package dev.berth.imagebuilder.docker;

import dev.berth.imagebuilder.api.DockerignoreException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a build context as the tar the engine's build API takes, applying {@code .dockerignore} as the docker CLI
 * does: the last matching pattern wins, {@code !} re-includes, a matched folder covers what is under it, and the
 * Dockerfile and {@code .dockerignore} are always sent. (docker-java's own context scan refuses a Dockerfile that
 * {@code *} excludes, which Berth's generated {@code .dockerignore} does.)
 */
public final class BuildContextTar {

  private record Rule(PathMatcher matcher, boolean include) {}

  private BuildContextTar() {}

  /** Writes {@code context} to {@code out}, files in sorted order with their modes and times; closes {@code out}. */
  public static void write(Path context, OutputStream out) throws IOException {
    write(context, out, null, null);
  }

  /**
   * Writes part of {@code context}: only what lies under {@code sources} (null for everything), with
   * {@code dockerfile} as the Dockerfile's text (null for the file's own); closes {@code out}.
   */
  public static void write(Path context, OutputStream out, String dockerfile, List<String> sources) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      if (dockerfile != null) {
        byte[] text = dockerfile.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
        entry.setMode(0100644);
        entry.setSize(text.length);
        tar.putArchiveEntry(entry);
        tar.write(text);
        tar.closeArchiveEntry();
      }
      for (Path file : files(context, sources)) {
        String name = name(context, file);
        if (dockerfile != null && name.equals("Dockerfile")) {
          continue;
        }
        boolean dir = Files.isDirectory(file);
        TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), dir ? name + "/" : name);
        entry.setMode((dir ? 040000 : 0100000) | mode(file));
        tar.putArchiveEntry(entry);
        if (!dir) {
          Files.copy(file, tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /**
   * SHA-256 over what {@link #write(Path, OutputStream, String, List)} would send from under {@code sources}:
   * names, modes and contents. Modification times are left out, as the engine's own build cache leaves them out
   * (a renderer writing the same libraries again must not cost a rebuild of their layers).
   */
  static String digest(Path context, List<String> sources) throws IOException {
    List<Path> files = files(context, sources).stream()
        .filter(f -> !name(context, f).equals("Dockerfile")).toList();
    // Each file's contents hashed on its own, side by side: the libraries are most of the time a rebuild spends.
    List<String> contents;
    try {
      contents = files.parallelStream().map(BuildContextTar::contentDigest).toList();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    MessageDigest sha = sha256();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      boolean dir = Files.isDirectory(file);
      sha.update((name(context, file) + "\0" + mode(file) + "\0" + (dir ? "d" : Files.size(file)) + "\0"
          + contents.get(i) + "\0").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String contentDigest(Path file) {
    if (Files.isDirectory(file)) {
      return "";
    }
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The files the context sends, sorted: .dockerignore applied, Dockerfile and .dockerignore always kept. */
  private static List<Path> files(Path context, List<String> sources) throws IOException {
    List<Rule> rules = rules(context.resolve(".dockerignore"));
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(context)) {
      for (Path file : walk.filter(p -> !p.equals(context)).sorted().toList()) {
        String name = name(context, file);
        boolean always = name.equals("Dockerfile") || name.equals(".dockerignore");
        if (!always && (excluded(name, rules) || !selected(name, sources))) {
          continue;
        }
        files.add(file);
      }
    }
    return files;
  }

  /** Whether {@code name} is under one of {@code sources}, or a folder holding one of them. */
  private static boolean selected(String name, List<String> sources) {
    if (sources == null) {
      return true;
    }
    for (String source : sources) {
      if (name.equals(source) || name.startsWith(source + "/") || source.startsWith(name + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String name(Path context, Path file) {
    return context.relativize(file).toString().replace('\\', '/');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static boolean excluded(String name, List<Rule> rules) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matchesItselfOrParent(rule.matcher(), name)) {
        excluded = !rule.include();
      }
    }
    return excluded;
  }

  private static boolean matchesItselfOrParent(PathMatcher matcher, String name) {
    String prefix = name;
    while (true) {
      if (matcher.matches(Path.of(prefix))) {
        return true;
      }
      int slash = prefix.lastIndexOf('/');
      if (slash < 0) {
        return false;
      }
      prefix = prefix.substring(0, slash);
    }
  }

  private static List<Rule> rules(Path dockerignore) throws IOException {
    List<Rule> rules = new ArrayList<>();
    if (!Files.isRegularFile(dockerignore)) {
      return rules;
    }
    List<String> lines = Files.readAllLines(dockerignore);
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      String pattern = line.strip();
      if (pattern.isEmpty() || pattern.startsWith("#")) {
        continue;
      }
      boolean include = pattern.startsWith("!");
      pattern = include ? pattern.substring(1).strip() : pattern;
      pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
      if (!pattern.isEmpty()) {
        try {
          rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), include));
        } catch (java.util.regex.PatternSyntaxException e) {
          // Its own message spans lines (pattern, caret): one line names the file, the line and the fix.
          throw new DockerignoreException(dockerignore + " line " + number
              + ": '" + line.strip() + "' is not a valid pattern (" + e.getDescription() + "); fix or remove it");
        }
      }
    }
    return rules;
  }

  private static int mode(Path file) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= switch (p) {
        case OWNER_READ -> 0400;
        case OWNER_WRITE -> 0200;
        case OWNER_EXECUTE -> 0100;
        case GROUP_READ -> 040;
        case GROUP_WRITE -> 020;
        case GROUP_EXECUTE -> 010;
        case OTHERS_READ -> 04;
        case OTHERS_WRITE -> 02;
        case OTHERS_EXECUTE -> 01;
      };
    }
    return mode;
  }
}
