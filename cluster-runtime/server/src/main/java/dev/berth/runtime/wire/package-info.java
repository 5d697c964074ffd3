/**
 * The master ↔ agent wire format: {@code *Message} records, {@link dev.berth.runtime.wire.WireRegistry} (the one
 * registration list with fixed ids and a fingerprint), {@link dev.berth.runtime.wire.BerthSerialization} (Kryonet's
 * {@code Serialization} on Kryo 5 with per-frame HMAC), the join handshake's keys, and request/response correlation.
 *
 * <p>Wire messages are records serialized by Kryo 5's record serializer (Kryonet's own Kryo 2 cannot take records,
 * UUID or Instant; ENVIRONMENT.md §7.3). Their collections are plain {@code ArrayList}/{@code HashMap}: the
 * translator builds them, so no JDK-internal immutable collection class needs registering. Depends on Kryonet,
 * Kryo 5, the JDK and {@code runtime.model} (for {@link dev.berth.runtime.wire.WireTranslator}, shared by both ends).
 */
package dev.berth.runtime.wire;
