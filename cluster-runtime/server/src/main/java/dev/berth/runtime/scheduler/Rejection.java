package dev.berth.runtime.scheduler;

/**
 * Why one node does not take one replica.
 *
 * @param reason a {@link FilterReasons} constant
 * @param detail the shortfall in words
 * @param shortfall how far the node is from fitting, for picking the closest node (0 when not measurable)
 */
public record Rejection(String reason, String detail, double shortfall) {}
