/** The picocli {@code berth} commands; the only picocli importer. Nothing depends on this package. */
package dev.berth.runtime.cli;
