package dev.berth.imagebuilder.base;

/** What {@link BaseImages} reports while it ensures bases; frontends (CLI, tests) turn these into lines. */
public sealed interface BaseImageEvent {

  /** The catalog id of the base the event is about. */
  String id();

  /** Work on a base started: its tag and recipe hash were computed. */
  record Started(String id, String tag, String recipeHash) implements BaseImageEvent {}

  /** One step of a build, e.g. "jlink 9 modules" or "mmdebstrap bookworm". */
  record Progress(String id, String step) implements BaseImageEvent {}

  /** A base is ready, built or reused. */
  record Finished(String id, BaseImageResult result) implements BaseImageEvent {}
}
