/**
 * Offline base images: builds the catalog's {@code offline} tags with no registry (jlink JREs from the host's JDKs,
 * Debian roots from mmdebstrap, Tomcat from Maven Central, busybox) and reuses any image whose recipe-hash label
 * matches. Depends on {@code .catalog}, {@code .docker} (engine calls), commons-compress and the JDK; runs jlink,
 * ldd and mmdebstrap as processes. Emits {@link dev.berth.imagebuilder.base.BaseImageEvent}s, never logs.
 */
package dev.berth.imagebuilder.base;
