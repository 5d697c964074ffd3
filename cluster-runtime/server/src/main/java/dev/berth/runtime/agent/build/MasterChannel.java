package dev.berth.runtime.agent.build;

import dev.berth.runtime.model.BuildReport;
import java.io.IOException;

/** What a build job needs of the link to the master (a port: the Kryonet link in production). */
public interface MasterChannel {

  /**
   * Up to {@code maxBytes} of the job's context archive from {@code offset} on; empty at its end. Blocks until the
   * master answers.
   *
   * @throws IOException when the master does not answer, the link is down, or the master no longer runs the job here
   */
  byte[] contextChunk(String jobId, long offset, int maxBytes) throws IOException;

  /** Sends a report; returns false when the link is down (the report is not sent). */
  boolean report(BuildReport report);
}
