package dev.berth.runtime.kubernetes;

import java.util.Map;

/**
 * The Jenkins build that deployed an app, written on its objects so a running pod leads back to its build.
 *
 * @param job the Jenkins job's full name, e.g. {@code shop/main}
 * @param number the build number
 * @param url the build's URL, or null
 */
public record BuildReference(String job, String number, String url) {

  /** The build named by Jenkins' own variables ({@code JOB_NAME}, {@code BUILD_NUMBER}, {@code BUILD_URL}), or null. */
  public static BuildReference fromEnvironment(Map<String, String> env) {
    String job = env.get("JOB_NAME");
    String number = env.get("BUILD_NUMBER");
    if (job == null || job.isBlank() || number == null || number.isBlank()) {
      return null;
    }
    return new BuildReference(job, number, env.get("BUILD_URL"));
  }
}
