package dev.berth.runtime.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the measure-mode agent jar ({@link MeasureProbe} and a {@code Premain-Class} manifest) into a folder. */
public final class ProbeJar {

  /** The jar's file name. */
  public static final String FILE_NAME = "berth-measure-probe.jar";

  private ProbeJar() {}

  /** Writes the jar into {@code dir} and returns its path. */
  public static Path write(Path dir) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), MeasureProbe.class.getName());
    Path jar = dir.resolve(FILE_NAME);
    String entry = MeasureProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = MeasureProbe.class.getClassLoader().getResourceAsStream(entry)) {
      if (in == null) {
        throw new IOException("the probe class " + entry + " is missing from Berth's own jar");
      }
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
