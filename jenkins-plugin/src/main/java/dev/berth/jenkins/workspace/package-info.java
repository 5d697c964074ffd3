/**
 * Detection and Dockerfile rendering over a workspace folder, and their results as Pipeline-friendly maps. May
 * depend on image-builder's root, {@code .api} and {@code .dockerfile} packages, never on its engine backends.
 */
package dev.berth.jenkins.workspace;
