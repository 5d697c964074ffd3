package dev.berth.runtime.wire;

import java.util.ArrayList;

/** Everything the agent observes of its assigned replicas (complete, not a delta). */
public record ReportMessage(ArrayList<ObservationMessage> replicas) {}
