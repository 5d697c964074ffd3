package dev.berth.runtime.wire;

/** Master → node: stop the builder of this build job (it was cancelled). */
public record BuildCancelMessage(String jobId) {}
