package dev.berth.runtime.wire;

import java.util.ArrayList;

/** Node → master: a build job's phase and its log lines since the previous report. */
public record BuildReportMessage(
    String jobId, String phase, Integer exitCode, String message, String imageId, String digest,
    ArrayList<String> lines, long imageBytes) {}
