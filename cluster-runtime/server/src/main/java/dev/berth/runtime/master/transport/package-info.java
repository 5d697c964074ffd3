/**
 * The master's side of the node transport: a Kryonet {@code Server} on Berth's serialization, one
 * {@link dev.berth.runtime.master.transport.AgentSession} per connection (unverified until the join handshake
 * proves the token), {@link dev.berth.runtime.master.transport.KryonetNodeGateway} for the controllers, and calls
 * into the master's {@code ClusterInbox}. Kryonet listeners only hand work to one ordered executor. Depends on
 * {@code .wire}, {@code .controller}, {@code .model}, {@code .master} and Kryonet.
 */
package dev.berth.runtime.master.transport;
