package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Shim of a step's descriptor: function name and the context it needs. */
public abstract class StepDescriptor extends Descriptor<Step> {
  public abstract Set<? extends Class<?>> getRequiredContext();

  public abstract String getFunctionName();
}
