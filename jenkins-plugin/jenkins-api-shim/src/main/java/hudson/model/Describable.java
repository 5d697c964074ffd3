package hudson.model;

/** Shim of a configurable object that has a descriptor. */
public interface Describable<T extends Describable<T>> {
  Descriptor<T> getDescriptor();
}
