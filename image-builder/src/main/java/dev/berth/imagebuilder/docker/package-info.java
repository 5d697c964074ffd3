/**
 * Engine access through docker-java: the only package of image-builder that imports {@code com.github.dockerjava}
 * (STYLE.md §2.7). Depends on {@code .api}, {@code .plan} and docker-java.
 */
package dev.berth.imagebuilder.docker;
