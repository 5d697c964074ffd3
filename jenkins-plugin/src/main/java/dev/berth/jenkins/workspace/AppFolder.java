package dev.berth.jenkins.workspace;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The application folder a step works on: the workspace, or {@code dir} inside it, as a path on this JVM's file
 * system. Steps run in the controller's JVM, so the workspace must be visible here at its own path (the built-in
 * node, or a file system shared at the same path).
 */
public final class AppFolder {

  private AppFolder() {}

  /**
   * Resolves {@code dir} against the workspace.
   *
   * @param workspace the workspace's path as Jenkins names it ({@code FilePath.getRemote()})
   * @param dir a folder relative to the workspace, or empty
   * @throws AppFolderException with {@link AppFolderException.Reason#ESCAPES} when {@code dir} is absolute or
   *     leaves the workspace, {@link AppFolderException.Reason#NOT_HERE} when the folder does not exist on this
   *     machine
   */
  public static Path resolve(String workspace, String dir) throws AppFolderException {
    Path root = Path.of(workspace).toAbsolutePath().normalize();
    Path folder;
    try {
      Path relative = Path.of(dir == null ? "" : dir);
      if (relative.isAbsolute()) {
        throw new AppFolderException(AppFolderException.Reason.ESCAPES, dir);
      }
      folder = root.resolve(relative).normalize();
    } catch (InvalidPathException e) {
      throw new AppFolderException(AppFolderException.Reason.ESCAPES, dir);
    }
    if (!folder.startsWith(root)) {
      throw new AppFolderException(AppFolderException.Reason.ESCAPES, dir);
    }
    if (!Files.isDirectory(folder)) {
      throw new AppFolderException(AppFolderException.Reason.NOT_HERE, folder.toString());
    }
    return folder;
  }
}
