package dev.berth.imagebuilder.detect;

import java.io.IOException;

/** One stack's source-tree detector: fills the report and returns true when the stack matches. */
interface StackDetector {

  /** The stack id this detector decides (for "why not" near misses). */
  String stack();

  boolean detect(Workspace ws, ReportDraft d) throws DetectionFailure, IOException;
}
