package hudson.model;

/** Shim of an action attached to a model object (a run, the root). */
public interface Action extends ModelObject {
  String getIconFileName();

  String getDisplayName();

  String getUrlName();
}
