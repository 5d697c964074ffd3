/**
 * The pure scheduler: one {@link dev.berth.runtime.scheduler.NodeFilter} per rule with named {@link
 * dev.berth.runtime.scheduler.FilterReasons}, spread and bin-pack scorers, chained in {@link
 * dev.berth.runtime.scheduler.Scheduler}. No I/O and no clock; depends on {@code .model} and the api records.
 */
package dev.berth.runtime.scheduler;
