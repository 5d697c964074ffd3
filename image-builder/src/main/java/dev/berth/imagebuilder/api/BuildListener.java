package dev.berth.imagebuilder.api;

/** Receives {@link BuildEvent}s; the library never logs. */
@FunctionalInterface
public interface BuildListener {

  void onEvent(BuildEvent event);

  /** A listener that ignores everything. */
  static BuildListener none() {
    return event -> {};
  }
}
