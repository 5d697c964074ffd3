package dev.berth.runtime.sizing;

import java.util.Objects;

/**
 * One line of a memory budget.
 *
 * @param name what the memory is for, e.g. {@code metaspace}
 * @param bytes its size
 * @param cap the JVM flag that caps it, or empty when nothing caps it
 * @param basis how it was computed, e.g. {@code 216 threads x 1Mi x 0.5}
 */
public record BudgetTerm(String name, long bytes, String cap, String basis) {

  public BudgetTerm {
    Objects.requireNonNull(name, "name");
    cap = cap == null ? "" : cap;
    basis = basis == null ? "" : basis;
  }
}
