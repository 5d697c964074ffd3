package hudson.model;

/** Shim of the base class of describables. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
  public Descriptor<T> getDescriptor() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
