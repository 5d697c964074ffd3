package hudson.model;

/** Shim of the base class of items. */
public abstract class AbstractItem extends Actionable implements Item {
  // The real constructor: a package-private no-arg one does not exist in Jenkins (shimcheck).
  protected AbstractItem(ItemGroup parent, String name) {}

  public final String getFullName() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
