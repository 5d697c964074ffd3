package dev.berth.jenkins.steps;

import dev.berth.jenkins.workspace.AppFolder;
import dev.berth.jenkins.workspace.AppFolderException;
import hudson.AbortException;
import hudson.FilePath;
import java.nio.file.Path;

/**
 * A step's workspace and application folder as local paths, with the step's own failure sentences when the
 * workspace is missing, {@code dir} leaves it, or the folder is not on this machine.
 *
 * @param root the workspace
 * @param folder the application folder inside it
 */
record StepWorkspace(Path root, Path folder) {

  /** Resolves {@code dir} in the workspace for the step named {@code function}. */
  static StepWorkspace of(String function, FilePath workspace, String dir) throws AbortException {
    if (workspace == null) {
      throw new AbortException(StepMessages.format("workspace.missing", function));
    }
    try {
      Path folder = AppFolder.resolve(workspace.getRemote(), dir);
      return new StepWorkspace(Path.of(workspace.getRemote()).toAbsolutePath().normalize(), folder);
    } catch (AppFolderException e) {
      throw new AbortException(switch (e.reason()) {
        case ESCAPES -> StepMessages.format("workspace.dirEscapes", function, e.value());
        case NOT_HERE -> StepMessages.format("workspace.notLocal", function, e.value());
      });
    }
  }

  /** {@code path} as the pipeline names it: relative to the workspace, with forward slashes. */
  String relative(Path path) {
    String r = root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    return r.isEmpty() ? "." : r;
  }
}
