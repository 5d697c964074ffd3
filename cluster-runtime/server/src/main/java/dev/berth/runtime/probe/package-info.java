/**
 * Measure mode's probe: a {@code -javaagent} that samples the JVM's own MXBeans inside the app's container and
 * prints the peaks at exit, and the jar that carries it. JDK only; nothing in Berth depends on it at run time.
 */
package dev.berth.runtime.probe;
