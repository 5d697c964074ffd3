/**
 * Detection and Dockerfile rendering over a workspace folder, the spec drafted from detection, and their results as
 * Pipeline-friendly maps. May depend on image-builder's root, {@code .api} and {@code .dockerfile} packages (never on
 * its engine backends) and on cluster-runtime-deploy's {@code AppSpecDraft}.
 */
package dev.berth.jenkins.workspace;
