/**
 * Benchmarks of the master itself: {@link dev.berth.runtime.master.bench.ScheduleBench} runs the real master (durable
 * store, controllers, scheduler) against {@link dev.berth.runtime.master.bench.SimulatedAgents}, in-process nodes
 * that acknowledge what they are assigned. Depends on {@code .master}, {@code .controller}, {@code .store} and
 * {@code .model}.
 */
package dev.berth.runtime.master.bench;
