/**
 * Build plans: what an image is made of (base, layers, entrypoint, labels, user), independent of the backend that
 * builds it. Depends on the JDK only.
 */
package dev.berth.imagebuilder.plan;
