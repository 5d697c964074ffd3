package dev.berth.imagebuilder.docker;

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
final class BuildContextTar {

  private record Rule(PathMatcher matcher, boolean include) {}

  private BuildContextTar() {}

  /** Writes {@code context} to {@code out}, files in sorted order with their modes and times. */
  static void write(Path context, OutputStream out) throws IOException {
    List<Rule> rules = rules(context.resolve(".dockerignore"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(context)) {
      files = walk.filter(p -> !p.equals(context)).sorted().toList();
    }
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path file : files) {
        String name = context.relativize(file).toString().replace('\\', '/');
        boolean always = name.equals("Dockerfile") || name.equals(".dockerignore");
        if (!always && excluded(name, rules)) {
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
    for (String line : Files.readAllLines(dockerignore)) {
      String pattern = line.strip();
      if (pattern.isEmpty() || pattern.startsWith("#")) {
        continue;
      }
      boolean include = pattern.startsWith("!");
      pattern = include ? pattern.substring(1).strip() : pattern;
      pattern = pattern.replaceAll("^/+", "").replaceAll("/+$", "");
      if (!pattern.isEmpty()) {
        rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), include));
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
