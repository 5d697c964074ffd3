package dev.berth.runtime.api.spec;

import java.util.List;
import java.util.Map;

/**
 * A rule on node labels that a node must meet to run the app's replicas.
 *
 * @param label the node label's key, e.g. {@code zone}
 * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
 * @param values the values for {@code In} / {@code NotIn}; empty for the others
 */
public record PlacementConstraint(String label, String operator, List<String> values) {

  private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

  public PlacementConstraint {
    if (label == null || label.isBlank()) {
      throw new SpecValidationException("label", label, "a node label key, e.g. zone");
    }
    operator = operator == null ? (values == null || values.isEmpty() ? "Exists" : "In") : operator;
    if (!OPERATORS.contains(operator)) {
      throw new SpecValidationException("operator", operator, String.join(", ", OPERATORS));
    }
    values = values == null ? List.of() : List.copyOf(values);
    boolean needsValues = operator.equals("In") || operator.equals("NotIn");
    if (needsValues && values.isEmpty()) {
      throw new SpecValidationException("values", values, "at least one value for " + operator);
    }
    if (!needsValues && !values.isEmpty()) {
      throw new SpecValidationException("values", values, "no values for " + operator);
    }
  }

  /** Whether a node with these labels meets the rule. */
  public boolean matches(Map<String, String> nodeLabels) {
    String value = nodeLabels.get(label);
    return switch (operator) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      default -> value == null;
    };
  }

  /** A short form for messages, e.g. {@code zone In [a, b]}. */
  public String describe() {
    return values.isEmpty() ? label + " " + operator : label + " " + operator + " " + values;
  }
}
