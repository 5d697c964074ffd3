package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * Shim of a running step. It keeps its context (in a private field, invisible to linkage) so plugin unit tests can
 * run an execution against a test context.
 */
public abstract class StepExecution implements Serializable {
  private final StepContext context;

  protected StepExecution(StepContext context) {
    this.context = context;
  }

  public StepContext getContext() {
    return context;
  }

  public abstract boolean start() throws Exception;
}
