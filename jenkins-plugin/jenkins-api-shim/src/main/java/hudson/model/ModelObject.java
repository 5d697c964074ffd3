package hudson.model;

/** Shim of Jenkins' named model object. */
public interface ModelObject {
  String getDisplayName();
}
