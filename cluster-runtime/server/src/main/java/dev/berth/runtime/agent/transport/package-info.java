/**
 * The agent's side of the node transport: {@link dev.berth.runtime.agent.transport.MasterLink}, a Kryonet
 * {@code Client} on Berth's serialization that joins with the token, reconnects with backoff, heartbeats, and hands
 * every received message to its own executor (Kryonet listeners run on its update thread). Depends on
 * {@code .wire}, {@code .model} and Kryonet.
 */
package dev.berth.runtime.agent.transport;
