package hudson.model;

import hudson.security.AccessControlled;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;

/** Shim of one build of a job. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
    implements AccessControlled {
  private Run() {}

  public JobT getParent() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public int getNumber() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public String getUrl() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public String getFullDisplayName() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public String getExternalizableId() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public synchronized void save() throws IOException {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  @Override
  public void addAction(Action a) {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException, AccessDeniedException {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
