/**
 * Stack detection: {@link dev.berth.imagebuilder.detect.StackDetection} runs the ordered procedure of
 * DETECTION.md §2.2 and one detector per stack decides the rest. Depends on {@code .api}, {@code .inspect} and
 * {@code .catalog} (the JDK runtimes and Tomcat lines the base images offer).
 */
package dev.berth.imagebuilder.detect;
