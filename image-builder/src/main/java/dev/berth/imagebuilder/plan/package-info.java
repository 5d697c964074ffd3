/**
 * Build plans: what an image is made of (base, layers, entrypoint, labels, user) and how it gets built
 * ({@link dev.berth.imagebuilder.plan.BuildPlanner} picks engine or daemonless), with the backend SPI. Depends on
 * the JDK, {@code .api} and {@code .dockerfile}.
 */
package dev.berth.imagebuilder.plan;
