package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Shim of a section of Jenkins' global configuration page, saved as {@code <FQCN>.xml} in Jenkins' home. */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
    implements ExtensionPoint, Describable<GlobalConfiguration> {

  protected GlobalConfiguration() {}

  @Override
  public final Descriptor<GlobalConfiguration> getDescriptor() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
