/**
 * The JVM sizing benchmark (JVM-SIZING.md §5): workloads that run inside containers, and the harness that runs
 * them under each sizing rule side by side on the real engine. Run with {@code scripts/bench-jvm-sizing.sh}.
 */
package dev.berth.runtime.sizing.bench;
