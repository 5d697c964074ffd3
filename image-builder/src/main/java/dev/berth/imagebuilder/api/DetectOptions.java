package dev.berth.imagebuilder.api;

/**
 * Overrides for detection (berth.yaml, the pipeline step or the CLI); {@code null} means "detect it".
 *
 * @param artifact the artifact to use, relative to the input folder (e.g. {@code target/app-1.0.jar})
 * @param stack one of {@link DetectReport#STACKS}
 * @param jdk the runtime Java feature release to pin (e.g. 17); must not be below the bytecode floor
 * @param module the Maven/Gradle module folder to detect in (e.g. {@code web})
 * @param server the servlet container for a WAR: {@code tomcat9}, {@code tomcat10.1} or {@code tomcat11}
 * @param failOnLowConfidence whether a LOW overall confidence fails detection (exit 7); the default is true
 * @param source where the overrides came from: {@code berth.yaml}, {@code step} or {@code cli}
 */
public record DetectOptions(
    String artifact,
    String stack,
    Integer jdk,
    String module,
    String server,
    boolean failOnLowConfidence,
    String source) {

  /** No overrides; LOW confidence fails. */
  public static DetectOptions none() {
    return new DetectOptions(null, null, null, null, null, true, "cli");
  }

  public DetectOptions withArtifact(String value) {
    return new DetectOptions(value, stack, jdk, module, server, failOnLowConfidence, source);
  }

  public DetectOptions withStack(String value) {
    return new DetectOptions(artifact, value, jdk, module, server, failOnLowConfidence, source);
  }

  public DetectOptions withJdk(Integer value) {
    return new DetectOptions(artifact, stack, value, module, server, failOnLowConfidence, source);
  }

  public DetectOptions withModule(String value) {
    return new DetectOptions(artifact, stack, jdk, value, server, failOnLowConfidence, source);
  }

  public DetectOptions withServer(String value) {
    return new DetectOptions(artifact, stack, jdk, module, value, failOnLowConfidence, source);
  }

  public DetectOptions withFailOnLowConfidence(boolean value) {
    return new DetectOptions(artifact, stack, jdk, module, server, value, source);
  }
}
