/**
 * Level-based controllers of the master, their work queue and runner, and the ports to and from node agents
 * ({@link dev.berth.runtime.controller.NodeGateway}, {@link dev.berth.runtime.controller.ClusterInbox}).
 * Depends on {@code .reconcile}, {@code .store}, {@code .model} and the api records; never on a transport.
 */
package dev.berth.runtime.controller;
