package dev.berth.runtime.cli;

import picocli.CommandLine.IVersionProvider;

/** Berth's version, from the jar manifest when packaged. */
public final class BerthVersion implements IVersionProvider {

  /** The running Berth version, or {@code dev} outside a packaged jar. */
  public static String current() {
    String v = BerthVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"berth " + current()};
  }
}
