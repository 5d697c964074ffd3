package dev.berth.runtime.deploy;

import java.util.function.Consumer;

/**
 * A place an app spec runs: applies it, waits for the rollout and reports ready/total, the same way for every
 * target so the CLI and the Jenkins step behave alike.
 */
public interface DeployTarget extends AutoCloseable {

  /** The target's name as users pass it to {@code --target}, e.g. {@code berth} or {@code kubernetes}. */
  String name();

  /**
   * Applies the spec and, when the request says so, follows the rollout until it completes, fails or times out.
   *
   * @param progress receives one line per visible change of the rollout
   * @throws DeployException when the target cannot be reached or refuses the spec
   */
  DeployOutcome deploy(DeployRequest request, Consumer<String> progress) throws DeployException;

  /** Releases the target's connection; nothing for targets that hold none. */
  @Override
  default void close() {}
}
