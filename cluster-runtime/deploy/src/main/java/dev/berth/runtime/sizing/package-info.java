/**
 * JVM sizing: a container memory limit and an app's facts become JVM flags, and a legacy {@code -Xmx} becomes a
 * container limit (JVM-SIZING.md §4). Pure: no I/O, no clock; depends only on the JDK and the api records. The
 * entry point is {@link dev.berth.runtime.sizing.JvmSizing}.
 */
package dev.berth.runtime.sizing;
