package dev.berth.runtime.wire;

import java.util.ArrayList;

/** Master → node: run this build job; the node fetches its context with {@link BuildContextRequestMessage}. */
public record BuildJobMessage(
    String jobId, ArrayList<String> tags, boolean push, String baseImage, boolean offline, long contextBytes,
    String contextSha256) {}
