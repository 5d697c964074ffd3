/** The build benchmark: Berth's layered build against a naive COPY of the fat jar, measured side by side. */
package dev.berth.imagebuilder.bench;
