package dev.berth.runtime.agent.container;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's container engine as the agent uses it. Implementations translate their library's errors; the only
 * checked failure is a container that cannot start.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** The engine's version and capacity; throws {@link IllegalStateException} naming the fix when none answers. */
  EngineInfo info();

  /** Every container (running or not) carrying all of {@code labels}. */
  List<ContainerStatus> list(Map<String, String> labels);

  /** The container's current state, or empty when it is gone. */
  Optional<ContainerStatus> inspect(String id);

  /**
   * The image {@code reference} names on this engine now, or empty when it is not there. Throws
   * {@link IllegalStateException} naming the image when the engine cannot say.
   */
  Optional<ImageDetails> image(String reference);

  /**
   * Pulls {@code reference} from the registry it names onto this engine, with the node's registry login.
   *
   * @throws ContainerStartException (image missing) naming the image, the registry's answer and the fix
   */
  void pull(String reference) throws ContainerStartException;

  /** Creates and starts a container; returns its id. A container that was created but failed to start is kept. */
  String start(ContainerRequest request) throws ContainerStartException;

  /**
   * One sample of a running container's memory and CPU use, or empty when it is not running or the engine cannot
   * say. May take a second or two (the engine measures CPU over an interval); call it off the sync thread.
   */
  default Optional<ContainerUsage> usage(String id) {
    return Optional.empty();
  }

  /** Removes a container, stopping it first; a missing one is not an error. */
  void remove(String id);

  /** The last {@code tail} lines of stdout and stderr, in order. */
  String logs(String id, int tail);

  /** Runs {@code command} in the container and returns its exit code, or -1 when it did not finish in time. */
  int exec(String id, List<String> command, long timeoutMillis);

  /** Calls {@code onChange} whenever a container carrying {@code labels} starts, dies or is OOM-killed. */
  Closeable subscribe(Map<String, String> labels, Runnable onChange);

  @Override
  void close();
}
