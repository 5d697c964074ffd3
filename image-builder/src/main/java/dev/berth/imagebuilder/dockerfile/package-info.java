/**
 * Dockerfile rendering: picks the template for a detected stack shape, fills it from the detect report and the
 * base-image catalog, and writes a self-contained build context. Depends on {@code .api}, {@code .catalog},
 * {@code .report} (the report's JSON form), {@code .api}'s {@code ImagePlan}, {@code runtime.api.facts}, Jackson
 * and the JDK.
 */
package dev.berth.imagebuilder.dockerfile;
