package dev.berth.runtime.wire;

/** Log lines, stdout and stderr in order, joined by newlines. */
public record LogsMessage(String text) {}
