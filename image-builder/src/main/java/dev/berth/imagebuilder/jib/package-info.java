/** Daemonless builds with Jib; the only importer of {@code com.google.cloud.tools.jib}. */
package dev.berth.imagebuilder.jib;
