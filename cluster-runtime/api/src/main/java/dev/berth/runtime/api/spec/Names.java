package dev.berth.runtime.api.spec;

import java.util.regex.Pattern;

/** The rule for app and namespace names: DNS labels, so they work as container names and DNS aliases. */
final class Names {

  static final String ALLOWED =
      "1 to 40 lowercase letters, digits or '-', starting with a letter and not ending with '-'";
  private static final Pattern LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");

  private Names() {}

  static String check(String field, String name) {
    if (name == null || !LABEL.matcher(name).matches()) {
      throw new SpecValidationException(field, name, ALLOWED);
    }
    return name;
  }
}
