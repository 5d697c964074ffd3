package dev.berth.runtime.wire;

/**
 * Node → master request: up to {@code maxBytes} of a build job's context archive from {@code offset} on; the answer
 * is a {@link BuildContextMessage}. {@code maxBytes} stays below {@link WireLimits#BUILD_CONTEXT_CHUNK_BYTES}.
 */
public record BuildContextRequestMessage(String jobId, long offset, int maxBytes) {}
