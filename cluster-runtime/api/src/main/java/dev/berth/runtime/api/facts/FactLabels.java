package dev.berth.runtime.api.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The only place that spells Berth's image label keys, and the translation between them and {@link AppFacts}. */
public final class FactLabels {

  public static final String PREFIX = "dev.berth.";
  public static final String STACK = "dev.berth.stack";
  public static final String JDK_FLOOR = "dev.berth.jdk.floor";
  public static final String JDK_RUNTIME = "dev.berth.jdk.runtime";
  public static final String JDK_VERSION = "dev.berth.jdk.version";
  public static final String CLASSES = "dev.berth.jvm.classes";
  public static final String THREADS = "dev.berth.jvm.threads";
  public static final String JAVAAGENTS = "dev.berth.jvm.javaagents";
  public static final String LEGACY_XMX = "dev.berth.jvm.legacy-xmx";
  public static final String PORT = "dev.berth.port";
  public static final String HEALTH = "dev.berth.health";
  public static final String WRITABLE = "dev.berth.writable";

  private FactLabels() {}

  /** Labels for the known facts, in a fixed order; unknown facts get no label. */
  public static Map<String, String> toLabels(AppFacts facts) {
    Map<String, String> labels = new LinkedHashMap<>();
    put(labels, STACK, facts.stack());
    put(labels, JDK_FLOOR, facts.jdkFloor());
    put(labels, JDK_RUNTIME, facts.jdkRuntime());
    put(labels, JDK_VERSION, facts.jdkVersion());
    put(labels, CLASSES, facts.loadedClasses());
    put(labels, THREADS, facts.threads());
    if (!facts.javaagents().isEmpty()) {
      labels.put(JAVAAGENTS, String.join(",", facts.javaagents()));
    }
    put(labels, LEGACY_XMX, facts.legacyXmx());
    put(labels, PORT, facts.port());
    put(labels, HEALTH, facts.health());
    if (!facts.writableDirs().isEmpty()) {
      labels.put(WRITABLE, String.join(",", facts.writableDirs()));
    }
    return labels;
  }

  /**
   * Facts from image labels; labels that are absent give {@code null}.
   *
   * @throws IllegalArgumentException when a numeric label is not a number, naming the label and its value
   */
  public static AppFacts fromLabels(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    return new AppFacts(
        l.get(STACK),
        integer(l, JDK_FLOOR),
        integer(l, JDK_RUNTIME),
        l.get(JDK_VERSION),
        integer(l, CLASSES),
        integer(l, THREADS),
        list(l.get(JAVAAGENTS)),
        l.get(LEGACY_XMX),
        integer(l, PORT),
        l.get(HEALTH),
        list(l.get(WRITABLE)));
  }

  private static void put(Map<String, String> labels, String key, Object value) {
    if (value != null) {
      labels.put(key, value.toString());
    }
  }

  private static Integer integer(Map<String, String> labels, String key) {
    String value = labels.get(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "image label " + key + "=\"" + value + "\" is not a whole number; rebuild the image with berth build"
              + " or fix the label");
    }
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return new ArrayList<>(Arrays.asList(value.split(",")));
  }
}
