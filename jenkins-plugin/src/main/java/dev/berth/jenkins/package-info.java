/**
 * Berth's Jenkins plugin: declarative Pipeline steps ({@code .steps}) over Berth's detection and Dockerfile
 * rendering ({@code .workspace}) and the master's HTTP API ({@code .cluster}). Compiled against the Jenkins API
 * shim; may not import docker-java, Jib, Kryonet, fabric8 or any {@code dev.berth.runtime} package outside
 * {@code dev.berth.runtime.api} (STYLE.md §2.7 rule 5).
 */
package dev.berth.jenkins;
