package dev.berth.runtime.store;

import dev.berth.runtime.api.json.ApiJson;
import dev.berth.runtime.model.AppRecord;
import dev.berth.runtime.model.Replica;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Desired state in an H2 MVStore file. MVStore was chosen because it is already on the classpath, is a single
 * small jar with no server or SQL layer, gives atomic multi-map commits (a crash keeps the last complete commit
 * and nothing after it), and locks its file so two masters cannot share one folder. Values are JSON text, so a
 * field added to a record later still reads old files.
 *
 * <p>Every {@link #append} commits and then syncs (fsync), so an acknowledged write survives kill -9 and power
 * loss.
 *
 * <p>The file is read and written on one thread of its own. The JDK closes a file channel that an interrupted
 * thread reads or writes, and MVStore cannot reopen it: one interrupted caller (a worker stopped mid-write, a timer
 * shut down) would close the store for every other thread. Callers wait for their write even when interrupted,
 * and keep their interrupt.
 */
final class MvStoreJournal implements Journal {

  private final ExecutorService io =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "berth-store-io");
            t.setDaemon(true);
            return t;
          });
  private final MVStore store;
  private final MVMap<String, String> apps;
  private final MVMap<String, String> replicas;

  private MvStoreJournal(MVStore store) {
    this.store = store;
    this.apps = store.openMap("apps");
    this.replicas = store.openMap("replicas");
  }

  /**
   * Opens (or creates) the store file.
   *
   * @throws StoreException when the file is locked by another master or cannot be read
   */
  static MvStoreJournal open(Path file) {
    try {
      // Auto-commit off: only append() commits, so each commit is exactly one StoreWrite.
      MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
      return new MvStoreJournal(store);
    } catch (MVStoreException e) {
      throw new StoreException(
          "cannot open the master's state file " + file + " (" + e.getMessage() + "); is another master using"
              + " this state folder? Stop it or pick another folder",
          e);
    }
  }

  @Override
  public synchronized void append(StoreWrite write) {
    onIoThread(() -> {
      write(write);
      return null;
    });
  }

  private void write(StoreWrite write) {
    try {
      write.deleteApps().forEach(apps::remove);
      write.putApps().forEach(a -> apps.put(a.key(), ApiJson.toJson(a)));
      write.deleteReplicas().forEach(replicas::remove);
      write.putReplicas().forEach(r -> replicas.put(r.id(), ApiJson.toJson(r)));
      store.commit();
      store.sync();
    } catch (MVStoreException e) {
      // Drop the uncommitted changes so memory and disk stay equal.
      store.rollback();
      throw new StoreException("could not write the master's state to disk: " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, AppRecord> apps() {
    return onIoThread(() -> {
      Map<String, AppRecord> out = new HashMap<>();
      apps.forEach((k, v) -> out.put(k, ApiJson.read(v, AppRecord.class)));
      return out;
    });
  }

  @Override
  public Map<String, Replica> replicas() {
    return onIoThread(() -> {
      Map<String, Replica> out = new HashMap<>();
      replicas.forEach((k, v) -> out.put(k, ApiJson.read(v, Replica.class)));
      return out;
    });
  }

  @Override
  public synchronized void close() {
    if (io.isShutdown()) {
      return;
    }
    try {
      onIoThread(() -> {
        if (!store.isClosed()) {
          store.close();
        }
        return null;
      });
    } finally {
      io.shutdown();
    }
  }

  /** Runs {@code work} on the file's thread and waits for it, interrupted or not. */
  private <T> T onIoThread(Callable<T> work) {
    Future<T> result;
    try {
      result = io.submit(work);
    } catch (RejectedExecutionException e) {
      throw new StoreException("the master's state file is closed", e);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new StoreException("could not use the master's state file: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
