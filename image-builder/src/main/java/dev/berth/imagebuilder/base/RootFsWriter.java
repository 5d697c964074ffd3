package dev.berth.imagebuilder.base;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a root filesystem as a tar for {@code docker import}: host trees, host files (symlinks followed, like
 * {@code cp -L}) and generated files, each with an explicit owner and mode, parents created first. Entry times are
 * the epoch, so equal inputs give equal tars.
 */
final class RootFsWriter implements Closeable {

  /** Owner and mode of an entry. */
  record Owner(int uid, int gid) {
    static final Owner ROOT = new Owner(0, 0);
    static final Owner APP = new Owner(Passwd.APP_UID, Passwd.APP_GID);
  }

  private final TarArchiveOutputStream tar;
  private final Set<String> written = new HashSet<>();

  RootFsWriter(OutputStream out) {
    this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** A directory (and its missing parents, root-owned 0755). */
  void directory(String path, int mode, Owner owner) throws IOException {
    String name = normalize(path);
    if (name.isEmpty() || written.contains(name + "/")) {
      return;
    }
    parents(name);
    TarArchiveEntry e = new TarArchiveEntry(name + "/", TarArchiveEntry.LF_DIR);
    put(e, 040000 | mode, owner);
    tar.closeArchiveEntry();
    written.add(name + "/");
  }

  /** A file with the given content. */
  void file(String path, byte[] content, int mode, Owner owner) throws IOException {
    String name = normalize(path);
    once(name);
    parents(name);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    put(e, 0100000 | mode, owner);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** A file streamed from {@code content}, e.g. an entry of another archive. */
  void file(String path, InputStream content, long size, int mode, Owner owner) throws IOException {
    String name = normalize(path);
    once(name);
    parents(name);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    put(e, 0100000 | mode, owner);
    content.transferTo(tar);
    tar.closeArchiveEntry();
  }

  /** A text file, UTF-8. */
  void file(String path, String content, int mode) throws IOException {
    file(path, content.getBytes(StandardCharsets.UTF_8), mode, Owner.ROOT);
  }

  /** A copy of a host file; symlinks are followed, so the image gets the real bytes. */
  void hostFile(String path, Path host, Owner owner) throws IOException {
    file(path, Files.readAllBytes(host), mode(host, true), owner);
  }

  /** A symbolic link. */
  void symlink(String path, String target) throws IOException {
    String name = normalize(path);
    once(name);
    parents(name);
    TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
    e.setLinkName(target);
    put(e, 0120777, Owner.ROOT);
    tar.closeArchiveEntry();
  }

  /**
   * A host tree under {@code imagePath}, keeping symlinks and modes.
   *
   * @param owners owner of each entry by its path relative to {@code hostDir} ("" for the top)
   */
  void tree(Path hostDir, String imagePath, Function<String, Owner> owners) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(hostDir)) {
      paths = walk.sorted().toList();
    }
    for (Path p : paths) {
      String rel = hostDir.relativize(p).toString();
      String target = rel.isEmpty() ? imagePath : imagePath + "/" + rel;
      Owner owner = owners.apply(rel);
      if (Files.isSymbolicLink(p)) {
        symlink(target, Files.readSymbolicLink(p).toString());
      } else if (Files.isDirectory(p)) {
        directoryExact(target, mode(p, false), owner);
      } else {
        file(target, Files.readAllBytes(p), mode(p, false), owner);
      }
    }
  }

  /**
   * A directory with this owner and mode. The engine rejects duplicate paths, so a directory is written once: the
   * first call (or parent) wins, and callers write directories with special owners before their contents.
   */
  void directoryExact(String path, int mode, Owner owner) throws IOException {
    String name = normalize(path);
    if (name.isEmpty() || written.contains(name + "/")) {
      return;
    }
    parents(name);
    TarArchiveEntry e = new TarArchiveEntry(name + "/", TarArchiveEntry.LF_DIR);
    put(e, 040000 | mode, owner);
    tar.closeArchiveEntry();
    written.add(name + "/");
  }

  private void once(String name) {
    if (!written.add(name)) {
      throw new IllegalStateException("the root filesystem already has " + name + "; the engine rejects duplicates");
    }
  }

  private void parents(String name) throws IOException {
    int slash = name.lastIndexOf('/');
    if (slash > 0) {
      directory(name.substring(0, slash), 0755, Owner.ROOT);
    }
  }

  private void put(TarArchiveEntry e, int mode, Owner owner) throws IOException {
    e.setMode(mode);
    e.setIds(owner.uid(), owner.gid());
    e.setUserName("");
    e.setGroupName("");
    e.setModTime(0);
    tar.putArchiveEntry(e);
  }

  private static String normalize(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static int mode(Path p, boolean follow) throws IOException {
    Set<PosixFilePermission> perms =
        follow
            ? Files.getPosixFilePermissions(p)
            : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission perm : perms) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return mode;
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }

  /** Writes a tar through a temporary file, so an interrupted build never leaves a tar that looks finished. */
  static void write(Path tar, TarContent content) throws BaseImageException {
    Path tmp = tar.resolveSibling(tar.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp);
        RootFsWriter w = new RootFsWriter(new BufferedOutputStream(out, 1 << 16))) {
      content.write(w);
    } catch (IOException e) {
      throw new BaseImageException("cannot write the root filesystem " + tmp + ": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, tar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BaseImageException("cannot move " + tmp + " to " + tar + ": " + e.getMessage(), e);
    }
  }

  /** Fills a root filesystem tar. */
  @FunctionalInterface
  interface TarContent {
    void write(RootFsWriter w) throws IOException;
  }
}
