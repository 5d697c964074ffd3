package org.jenkinsci.plugins.workflow.steps;

/** Shim of a step execution that runs {@link #run()} on a background thread and completes the step with it. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
  protected SynchronousNonBlockingStepExecution(StepContext context) {
    super(context);
  }

  protected abstract T run() throws Exception;

  @Override
  public final boolean start() throws Exception {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
