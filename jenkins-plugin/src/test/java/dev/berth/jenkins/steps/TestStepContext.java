package dev.berth.jenkins.steps;

import hudson.FilePath;
import hudson.model.Result;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** A step context for unit tests: hands out the objects put into it and records how the step ended. */
final class TestStepContext extends StepContext {

  private final Map<Class<?>, Object> objects = new HashMap<>();
  Object success;
  Throwable failure;
  final java.util.List<Result> results = new java.util.ArrayList<>();

  <T> TestStepContext with(Class<T> key, T value) {
    objects.put(key, value);
    return this;
  }

  @Override
  public <T> T get(Class<T> key) {
    return key.cast(objects.get(key));
  }

  @Override
  public void onSuccess(Object result) {
    success = result;
  }

  @Override
  public void onFailure(Throwable t) {
    failure = t;
  }

  @Override
  public void setResult(Result r) {
    // The shim's Result constants are null; a real Jenkins passes Result.UNSTABLE etc.
    results.add(r);
  }

  /** A workspace for a local folder, through the shim's private constructor (Jenkins' own is not in the shim). */
  static FilePath workspace(Path dir) throws ReflectiveOperationException {
    Constructor<FilePath> c = FilePath.class.getDeclaredConstructor(String.class);
    c.setAccessible(true);
    return c.newInstance(dir.toString());
  }
}
