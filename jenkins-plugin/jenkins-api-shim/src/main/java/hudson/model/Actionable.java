package hudson.model;

/** Shim of a model object that holds actions. */
public abstract class Actionable {
  public <T extends Action> T getAction(Class<T> type) {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public void addAction(Action a) {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
