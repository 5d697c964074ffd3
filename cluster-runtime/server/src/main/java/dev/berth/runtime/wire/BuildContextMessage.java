package dev.berth.runtime.wire;

/** A slice of a build job's context archive; an empty {@code bytes} means the offset is at its end. */
public record BuildContextMessage(String jobId, long offset, byte[] bytes) {}
