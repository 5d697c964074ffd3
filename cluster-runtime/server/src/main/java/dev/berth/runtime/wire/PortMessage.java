package dev.berth.runtime.wire;

/** A container port to publish. */
public record PortMessage(String name, int containerPort, String protocol) {}
