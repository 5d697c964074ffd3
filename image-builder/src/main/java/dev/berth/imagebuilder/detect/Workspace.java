package dev.berth.imagebuilder.detect;

import dev.berth.imagebuilder.api.DetectOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folder being detected: its files to depth 4 (symlinks not followed; {@code .git .berth node_modules .gradle
 * .idea target/classes build/tmp} skipped), paths relative to it with {@code /}, and the overrides.
 */
final class Workspace {

  static final int MAX_DEPTH = 4;
  private static final Set<String> SKIPPED = Set.of(".git", ".berth", "node_modules", ".gradle", ".idea");

  final Path root;
  final DetectOptions options;
  private List<String> files;

  Workspace(Path root, DetectOptions options) {
    this.root = root;
    this.options = options;
  }

  /** Every regular file, relative, sorted. */
  List<String> files() throws IOException {
    if (files == null) {
      List<String> out = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(root, MAX_DEPTH + 1, new FileVisitOption[0])) {
        for (Path p : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
          String rel = rel(p);
          if (!skipped(rel)) {
            out.add(rel);
          }
        }
      }
      out.sort(null);
      files = out;
    }
    return files;
  }

  static boolean skipped(String rel) {
    for (String part : rel.split("/")) {
      if (SKIPPED.contains(part)) {
        return true;
      }
    }
    return rel.contains("target/classes/") || rel.contains("build/tmp/");
  }

  /** Files directly inside the folder {@code dir} ("" for the root). */
  List<String> filesIn(String dir) throws IOException {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    return files().stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0).toList();
  }

  boolean isFile(String rel) {
    return Files.isRegularFile(root.resolve(rel));
  }

  boolean isDirectory(String rel) {
    return Files.isDirectory(root.resolve(rel));
  }

  Path path(String rel) {
    return root.resolve(rel);
  }

  String text(String rel) throws IOException {
    return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
  }

  String rel(Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }
}
