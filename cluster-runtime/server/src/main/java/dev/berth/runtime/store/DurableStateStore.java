package dev.berth.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The master's production store: in memory for reads, with every desired-state write on disk before it returns. */
public final class DurableStateStore extends InMemoryStateStore {

  /** The store file's name inside the state folder. */
  public static final String FILE_NAME = "master.mv.db";

  private DurableStateStore(Journal journal) {
    super(journal);
  }

  /**
   * Opens the store in {@code folder}, creating the folder and file when missing, and loads what it holds.
   *
   * @throws StoreException when the folder cannot be created or the file is locked or unreadable
   */
  public static DurableStateStore open(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new StoreException("cannot create the master's state folder " + folder + ": " + e.getMessage(), e);
    }
    return new DurableStateStore(MvStoreJournal.open(folder.resolve(FILE_NAME)));
  }
}
