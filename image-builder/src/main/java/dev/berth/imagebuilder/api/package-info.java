/** The image builder's public types; JDK and {@code dev.berth.runtime.api.facts} only. */
package dev.berth.imagebuilder.api;
