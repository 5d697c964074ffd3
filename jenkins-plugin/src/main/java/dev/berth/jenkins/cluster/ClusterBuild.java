package dev.berth.jenkins.cluster;

import dev.berth.runtime.api.build.BuildJobPhase;
import dev.berth.runtime.api.build.BuildJobRequest;
import dev.berth.runtime.api.build.BuildJobStatus;
import dev.berth.runtime.api.client.BerthApiException;
import dev.berth.runtime.api.client.BerthClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One build job on the Berth cluster: submits the request with its packed context, follows the job's log into the
 * build log as the node writes it, and returns the job's final status.
 */
public final class ClusterBuild {

  private final BerthClient client;
  private final Duration timeout;

  /**
   * @param timeout how long the job may take from submission to its end before the step gives up waiting (the job
   *     itself goes on)
   */
  public ClusterBuild(BerthClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Builds on the cluster.
   *
   * @param contextTarGz the build context, Dockerfile at its root
   * @param log receives the job's lines and Berth's own
   * @return the job's final status, {@link BuildJobPhase#SUCCEEDED} or {@link BuildJobPhase#FAILED}
   * @throws BerthApiException when the master refuses, cannot be reached, or the job outlasts the timeout
   * @throws InterruptedException when the build is aborted while the job runs; the job is cancelled
   */
  public BuildJobStatus run(List<String> tags, boolean push, String app, Path contextTarGz, Consumer<String> log)
      throws BerthApiException, InterruptedException {
    // Not forced offline: the node uses the public base when it can pull it, else Berth's offline one, saying so.
    BuildJobRequest request = new BuildJobRequest(tags, push, null, false, app);
    BuildJobStatus submitted = client.submitBuild(request, contextTarGz);
    log.accept("[Berth] build job " + submitted.id() + " submitted (" + submitted.contextBytes() + " bytes of"
        + " context), " + submitted.phase().name().toLowerCase(Locale.ROOT) + (submitted.message().isEmpty() ? ""
        : ": " + submitted.message()));
    try {
      return client.followBuild(submitted.id(), line -> log.accept("  " + line), timeout);
    } catch (BerthApiException e) {
      // The client turns an interrupt (Jenkins aborting the build) into an API error and keeps the flag set.
      if (Thread.interrupted()) {
        // Aborting the Jenkins build stops its image build too (Thread.interrupted() cleared the flag for this call).
        try {
          client.cancelBuild(submitted.id());
          log.accept("[Berth] build aborted: cancelled build job " + submitted.id() + " on the master");
        } catch (BerthApiException cancel) {
          log.accept("[Berth] build aborted; build job " + submitted.id() + " could not be cancelled and may go on ("
              + cancel.getMessage() + "); DELETE /v1/builds/" + submitted.id() + " on the master cancels it");
        }
        throw new InterruptedException("aborted while build job " + submitted.id() + " ran");
      }
      throw e;
    }
  }
}
