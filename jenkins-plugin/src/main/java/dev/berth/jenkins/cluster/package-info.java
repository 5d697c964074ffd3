/**
 * The connection to a Berth master (URL and token from the environment) and results read through
 * {@code dev.berth.runtime.api.client}. May depend on cluster-runtime-api only.
 */
package dev.berth.jenkins.cluster;
