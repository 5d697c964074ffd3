/**
 * The app spec: desired-state records validated in their constructors, with {@link
 * dev.berth.runtime.api.spec.SpecValidationException} naming the field path, the bad value and what is allowed.
 * Depends on the JDK and {@code .facts} only.
 */
package dev.berth.runtime.api.spec;
