package dev.berth.imagebuilder.base;

/** Receives {@link BaseImageEvent}s; called on the ensuring thread, so keep it quick. */
@FunctionalInterface
public interface BaseImageListener {

  /** Ignores every event. */
  BaseImageListener NONE = event -> {};

  void onEvent(BaseImageEvent event);
}
