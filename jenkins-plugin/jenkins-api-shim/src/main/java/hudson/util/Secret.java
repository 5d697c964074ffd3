package hudson.util;

import java.io.Serializable;

/** Shim of Jenkins' encrypted secret: stored encrypted in XML, shown masked in forms. */
public final class Secret implements Serializable {

  private Secret() {}

  public String getPlainText() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
