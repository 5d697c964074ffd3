package hudson.model;

import java.io.PrintStream;

/**
 * Shim of a build's log. Jenkins' {@code SerializableOnlyOverRemoting} supertype is left out: it lives in the
 * remoting library, which shimcheck cannot compare, and Berth never serializes a listener.
 */
public interface TaskListener {
  PrintStream getLogger();
}
