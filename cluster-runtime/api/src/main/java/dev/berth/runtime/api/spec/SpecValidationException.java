package dev.berth.runtime.api.spec;

/**
 * An app spec broke a rule: names the field path (e.g. {@code resources.memory}), the bad value and what is
 * allowed. Thrown from the spec records' constructors, so an invalid spec never exists as an object.
 */
public final class SpecValidationException extends IllegalArgumentException {

  private final String field;
  private final String value;
  private final String allowed;

  public SpecValidationException(String field, Object value, String allowed) {
    super(message(field, value, allowed));
    this.field = field;
    this.value = value == null ? null : String.valueOf(value);
    this.allowed = allowed;
  }

  private static String message(String field, Object value, String allowed) {
    String shown = value == null ? "nothing" : "\"" + value + "\"";
    return field + ": got " + shown + "; allowed: " + allowed;
  }

  /** Field path from the spec's root, dotted, with list indexes in brackets: {@code ports[1].port}. */
  public String field() {
    return field;
  }

  /** The rejected value as written, or {@code null} when the field was missing. */
  public String value() {
    return value;
  }

  /** What the field accepts. */
  public String allowed() {
    return allowed;
  }

  /** The same error with {@code parent} put in front of the field path (used when nesting records). */
  public SpecValidationException under(String parent) {
    if (parent == null || parent.isEmpty()) {
      return this;
    }
    String path = field.isEmpty() ? parent : field.startsWith("[") ? parent + field : parent + "." + field;
    SpecValidationException nested = new SpecValidationException(path, value, allowed);
    nested.setStackTrace(getStackTrace());
    return nested;
  }
}
