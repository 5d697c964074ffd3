package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;

/** Shim of the Jenkins root object; its permission checks and its home folder are used. */
public class Jenkins implements AccessControlled {
  public static final Permission READ = null;
  public static final Permission ADMINISTER = null;

  private Jenkins() {}

  public static Jenkins get() throws IllegalStateException {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  public File getRootDir() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
