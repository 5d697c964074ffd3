/**
 * The embedded default's in-process node: runs a node's assignment on the local engine for {@code berth up},
 * without the wire layer. It stands in until the Kryonet agent ({@code dev.berth.runtime.agent}) is wired into
 * {@code berth up}; then this package goes away. A documented exception to STYLE.md §2.7 rule 2: it imports
 * docker-java.
 */
package dev.berth.runtime.embedded;
