package dev.berth.imagebuilder.dockerfile;

import dev.berth.imagebuilder.api.DetectReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the {@code context/} folder of a build context: one sub-folder per layer holding exactly what that layer
 * puts under its target, with fixed modes (directories 0775, files 0664, because the legacy builder has no
 * {@code COPY --chmod}) and one fixed modification time, so the same input gives the same context.
 */
final class BuildContextWriter {

  /** Folders never copied into an image: version control, Berth's own output, IDE and build-tool state. */
  static final Set<String> SKIPPED = Set.of(".git", ".berth", ".idea", ".gradle", ".svn", "node_modules");

  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxrwxr-x");
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-rw-r--");

  /**
   * A layer as written: its folder relative to the build context and the image directory its contents go to.
   *
   * @param name layer name
   * @param dir folder relative to the output directory, e.g. {@code context/dependencies}
   * @param target absolute image directory ending in {@code /}
   */
  record ContextLayer(String name, String dir, String target) {}

  private final Path root;
  private final Path outputDir;
  private final Path context;
  private final Instant fileTime;
  private final List<Path> excluded;
  private final boolean link;
  private final Map<String, Integer> names = new HashMap<>();

  /**
   * @param root the detected input; every layer source is relative to it
   * @param outputDir the folder being written (the temporary one); layers go to {@code outputDir/context}
   * @param fileTime modification time of everything written
   * @param excluded absolute folders never copied (the final output folder when it lies inside the input)
   * @param link hard-link files from the root instead of copying them, where the file system allows
   */
  BuildContextWriter(Path root, Path outputDir, Instant fileTime, List<Path> excluded, boolean link)
      throws IOException {
    this.link = link;
    this.root = root.toAbsolutePath().normalize();
    this.outputDir = outputDir;
    this.context = outputDir.resolve("context");
    this.fileTime = fileTime;
    this.excluded = excluded.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    Files.createDirectories(context);
  }

  /**
   * Copies a layer's sources: a folder's contents, or a file by its name, go under {@code target} (a directory
   * ending in {@code /}); a target without the final {@code /} names the single source file's path in the image.
   */
  ContextLayer addLayer(String name, List<String> sources, String target) throws DockerfileException, IOException {
    if (target == null || !target.startsWith("/")) {
      throw new DockerfileException(
          "layer " + name + " has target '" + target + "'; a layer needs an absolute image path (detect report"
              + " field layers[].target)");
    }
    if (sources.isEmpty()) {
      throw new DockerfileException("layer " + name + " has no sources (detect report field layers[].sources)");
    }
    String targetDir = target;
    String renameTo = null;
    if (!target.endsWith("/")) {
      Path only = sources.size() == 1 ? source(name, sources.get(0)) : null;
      if (only != null && Files.isRegularFile(only)) {
        int slash = target.lastIndexOf('/');
        targetDir = target.substring(0, slash + 1);
        renameTo = target.substring(slash + 1);
      } else {
        targetDir = target + "/";
      }
    }
    Path dir = newLayerDir(name);
    copySources(name, sources, renameTo, dir);
    return new ContextLayer(name, outputDir.relativize(dir).toString(), targetDir);
  }

  /**
   * One layer from report layers of the same name with different targets (Boot's {@code application}: classes,
   * index files and META-INF): their sources go under the targets' common folder, so one COPY writes them all,
   * as Spring Boot's own layered Dockerfile does; every COPY costs the engine a container and a commit.
   */
  ContextLayer addLayers(String name, List<DetectReport.Layer> parts) throws DockerfileException, IOException {
    if (parts.size() == 1) {
      return addLayer(name, parts.get(0).sources(), parts.get(0).target());
    }
    List<String> targetDirs = new ArrayList<>();
    List<String> renames = new ArrayList<>();
    for (DetectReport.Layer part : parts) {
      String target = part.target();
      if (target == null || !target.startsWith("/") || part.sources().isEmpty()) {
        return addLayer(name, part.sources(), target); // the same error as a lone layer gets
      }
      String rename = null;
      if (!target.endsWith("/")) {
        Path only = part.sources().size() == 1 ? source(name, part.sources().get(0)) : null;
        if (only != null && Files.isRegularFile(only)) {
          rename = target.substring(target.lastIndexOf('/') + 1);
          target = target.substring(0, target.lastIndexOf('/') + 1);
        } else {
          target = target + "/";
        }
      }
      targetDirs.add(target);
      renames.add(rename);
    }
    String common = targetDirs.get(0);
    for (String t : targetDirs) {
      while (!t.startsWith(common)) {
        common = common.substring(0, common.lastIndexOf('/', common.length() - 2) + 1);
      }
    }
    Path dir = newLayerDir(name);
    for (int i = 0; i < parts.size(); i++) {
      copySources(name, parts.get(i).sources(), renames.get(i), dir.resolve(targetDirs.get(i).substring(common.length())));
    }
    return new ContextLayer(name, outputDir.relativize(dir).toString(), common);
  }

  private void copySources(String name, List<String> sources, String renameTo, Path dest)
      throws DockerfileException, IOException {
    Files.createDirectories(dest);
    for (String s : sources) {
      Path src = source(name, s);
      if (Files.isDirectory(src)) {
        copyTree(src, dest, name);
      } else {
        copyFile(src, dest.resolve(renameTo != null ? renameTo : src.getFileName().toString()), name);
      }
    }
  }

  /** A layer of empty folders under {@code parent}: directories the app writes to. */
  ContextLayer addEmptyDirs(String name, String parent, List<String> dirNames) throws IOException {
    Path dir = newLayerDir(name);
    for (String d : dirNames) {
      Files.createDirectories(dir.resolve(d));
    }
    return new ContextLayer(name, outputDir.relativize(dir).toString(), parent.endsWith("/") ? parent : parent + "/");
  }

  /** A layer holding one classpath resource of Berth's (the health probe). */
  ContextLayer addResource(String name, String resource, String fileName, String target) throws IOException {
    Path dir = newLayerDir(name);
    try (InputStream in = BuildContextWriter.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Berth resource " + resource + " is missing from the classpath");
      }
      Files.copy(in, dir.resolve(fileName));
    }
    return new ContextLayer(name, outputDir.relativize(dir).toString(), target);
  }

  /** Sets the fixed modes and time on everything under {@code context/}, directories after their contents. */
  void finish() throws IOException {
    FileTime time = FileTime.from(fileTime);
    Files.walkFileTree(
        context,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.setPosixFilePermissions(file, FILE_MODE);
            Files.setLastModifiedTime(file, time);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.setPosixFilePermissions(d, DIR_MODE);
            Files.setLastModifiedTime(d, time);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private Path newLayerDir(String name) throws IOException {
    String base = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    int n = names.merge(base, 1, Integer::sum);
    Path dir = context.resolve(n == 1 ? base : base + "-" + n);
    Files.createDirectories(dir);
    return dir;
  }

  private Path source(String layer, String relative) throws DockerfileException {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new DockerfileException(
          "layer " + layer + " source '" + relative + "' leaves the input " + root + "; sources must be paths"
              + " inside it");
    }
    if (!Files.exists(p)) {
      throw new DockerfileException(
          "layer " + layer + " source '" + relative + "' does not exist under " + root + "; run berth detect"
              + " again on the built application");
    }
    return p;
  }

  private void copyTree(Path src, Path dest, String layer) throws IOException, DockerfileException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(src)) {
      walk.filter(p -> !p.equals(src))
          .filter(p -> !skipped(src, p))
          .sorted()
          .forEach(files::add);
    }
    for (Path p : files) {
      Path to = dest.resolve(src.relativize(p).toString());
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(to);
      } else if (Files.isRegularFile(p)) {
        copyFile(p, to, layer);
      }
    }
  }

  private boolean skipped(Path top, Path p) {
    if (excluded.stream().anyMatch(p::startsWith)) {
      return true;
    }
    for (Path part : top.relativize(p)) {
      if (SKIPPED.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private void copyFile(Path src, Path to, String layer) throws IOException, DockerfileException {
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      throw new DockerfileException(
          "layer " + layer + " gets two files at " + context.relativize(to) + " (second from " + src + "); each"
              + " image path may come from one source only, so fix the detect report's layers");
    }
    Files.createDirectories(to.getParent());
    if (link) {
      try {
        Files.createLink(to, src); // no bytes written: the unpacked copy is detection's own and goes away
        return;
      } catch (IOException | UnsupportedOperationException e) {
        // Another file system, or one without hard links: copy.
      }
    }
    Files.copy(src, to, StandardCopyOption.COPY_ATTRIBUTES);
  }
}
