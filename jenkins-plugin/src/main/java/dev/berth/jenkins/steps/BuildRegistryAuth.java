package dev.berth.jenkins.steps;

import dev.berth.imagebuilder.api.RegistryAuth;
import hudson.AbortException;
import java.util.Map;

/**
 * The registry login a step pushes and reads labels with: the build's environment first, where
 * {@code withCredentials([usernamePassword(...)])} binds {@value RegistryAuth#USERNAME_VARIABLE} and
 * {@value RegistryAuth#PASSWORD_VARIABLE} (and masks them in the log), then the Docker config of the controller's
 * user. Neither is ever printed.
 */
final class BuildRegistryAuth {

  private BuildRegistryAuth() {}

  /** The login {@code env} describes; one line naming both variables when only one is set. */
  static RegistryAuth of(Map<String, String> env, String function) throws AbortException {
    try {
      return RegistryAuth.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      throw new AbortException(function + ": " + e.getMessage());
    }
  }
}
