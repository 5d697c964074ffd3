/**
 * Reads what detection decides from: archives (central directory only), manifests, class-file versions, start
 * scripts and JVM flags. Depends on {@code .api} and {@code dev.berth.runtime.api.facts}.
 */
package dev.berth.imagebuilder.inspect;
