package dev.berth.runtime.kubernetes;

import dev.berth.runtime.api.spec.AppSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations Berth writes on the Kubernetes objects of an app. */
public final class KubernetesLabels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String APP = "berth.dev/app";
  public static final String BUILD_JOB = "berth.dev/build-job";
  public static final String BUILD_NUMBER = "berth.dev/build-number";
  public static final String BUILD_URL = "berth.dev/build-url";
  public static final String CONFIG_HASH = "berth.dev/config-hash";
  public static final String MANAGER = "berth";

  private static final int MAX_VALUE = 63;

  private KubernetesLabels() {}

  /** The Deployment's selector: never changes for an app, since Kubernetes forbids changing it. */
  public static Map<String, String> selector(AppSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, spec.name());
    labels.put(INSTANCE, spec.name());
    return labels;
  }

  /** Every object's labels: the recommended {@code app.kubernetes.io/*} ones, and Berth's link to its build. */
  public static Map<String, String> of(AppSpec spec, BuildReference build) {
    Map<String, String> labels = selector(spec);
    String version = version(spec.image());
    if (version != null) {
      labels.put(VERSION, version);
    }
    labels.put(MANAGED_BY, MANAGER);
    labels.put(APP, spec.name());
    if (build != null) {
      labels.put(BUILD_JOB, labelValue(build.job()));
      labels.put(BUILD_NUMBER, labelValue(build.number()));
    }
    return labels;
  }

  /** Annotations that do not fit a label value, such as the build's URL. */
  public static Map<String, String> annotations(BuildReference build) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (build != null && build.url() != null && !build.url().isBlank()) {
      annotations.put(BUILD_URL, build.url());
    }
    return annotations;
  }

  /** The image's tag as a label value, or null for an untagged or digest-pinned image. */
  static String version(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (image.contains("@") || colon <= slash) {
      return null;
    }
    String value = labelValue(image.substring(colon + 1));
    return value.isEmpty() ? null : value;
  }

  /**
   * A value Kubernetes accepts as a label: up to 63 of {@code [A-Za-z0-9._-]}, starting and ending
   * alphanumeric. Jenkins job names hold '/' for folders; it becomes '.'.
   */
  static String labelValue(String text) {
    String value = text.replace('/', '.').replaceAll("[^A-Za-z0-9._-]", "-");
    if (value.length() > MAX_VALUE) {
      value = value.substring(value.length() - MAX_VALUE);
    }
    value = value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    return value;
  }
}
