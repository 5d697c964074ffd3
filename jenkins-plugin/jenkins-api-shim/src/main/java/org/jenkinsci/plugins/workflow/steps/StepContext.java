package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/** Shim of a running step's context (an abstract class in Jenkins, so calls are invokevirtual). */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
  public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

  @Override
  public abstract void onSuccess(Object result);

  public abstract void setResult(Result r);
}
