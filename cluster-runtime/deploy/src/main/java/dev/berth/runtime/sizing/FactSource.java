package dev.berth.runtime.sizing;

/** Where a sizing input came from, strongest first (JVM-SIZING.md §4.1: measured > spec > label > default). */
public enum FactSource {
  MEASURED("measured"),
  DECLARED("declared"),
  ESTIMATED("estimated from the image"),
  DEFAULT("default");

  private final String text;

  FactSource(String text) {
    this.text = text;
  }

  /** How the breakdown names it. */
  public String text() {
    return text;
  }
}
