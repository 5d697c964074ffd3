package hudson.util;

import java.util.Map;
import org.kohsuke.stapler.HttpResponse;

/** Shim of Jenkins' HTTP responses, for the JSON endpoints. */
public class HttpResponses extends org.kohsuke.stapler.HttpResponses {
  private HttpResponses() {}

  public static HttpResponse okJSON(Map<?, ?> data) {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
