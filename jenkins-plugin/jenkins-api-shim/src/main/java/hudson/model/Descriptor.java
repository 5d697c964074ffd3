package hudson.model;

/** Shim of the metadata object of a describable (display name, form resources). */
public abstract class Descriptor<T extends Describable<T>> {
  protected Descriptor(Class<? extends T> clazz) {}

  protected Descriptor() {}

  public String getDisplayName() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public synchronized void save() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public synchronized void load() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
