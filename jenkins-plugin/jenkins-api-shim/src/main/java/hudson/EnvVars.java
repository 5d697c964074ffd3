package hudson;

import java.util.TreeMap;

/** Shim of a build's environment variables; usable as a plain map in plugin unit tests. */
public class EnvVars extends TreeMap<String, String> {}
