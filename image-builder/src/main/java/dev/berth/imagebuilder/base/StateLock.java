package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per name across threads of this JVM and across processes (a file lock under {@code $BERTH_STATE}), so
 * test JVMs and the CLI never build the same base, or run mmdebstrap, at the same time.
 */
final class StateLock implements AutoCloseable {

  private static final ConcurrentHashMap<String, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private StateLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Blocks until this thread holds the lock {@code name}. */
  static StateLock acquire(Path state, String name) throws BaseImageException {
    Path file = state.resolve("base-images/locks/" + name + ".lock");
    ReentrantLock lock = IN_JVM.computeIfAbsent(file.toString(), k -> new ReentrantLock());
    lock.lock();
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new StateLock(lock, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      lock.unlock();
      throw new BaseImageException(
          "cannot lock " + file + " (" + e.getMessage() + "); check that $BERTH_STATE is writable", e);
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      // closing the channel releases the lock anyway
    } finally {
      threadLock.unlock();
    }
  }
}
