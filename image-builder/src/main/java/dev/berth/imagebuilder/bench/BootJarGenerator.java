package dev.berth.imagebuilder.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Writes a Spring-Boot-shaped fat jar for the build benchmark: {@code BOOT-INF/lib/} with dependency jars of
 * incompressible bytes (so layer sizes are real), one application class compiled now, a Boot 2.7 manifest and
 * {@code layers.idx}. {@link #write} with another {@code revision} changes only the application class.
 */
final class BootJarGenerator {

  private static final long DEPENDENCY_TIME = 1_700_000_000_000L;

  private final long dependencyBytes;
  private final int dependencyCount;
  private final long seed;

  /**
   * @param dependencyBytes total size of the dependency jars
   * @param dependencyCount how many dependency jars
   * @param seed makes the dependencies' bytes, so two runs with different seeds share no layers
   */
  BootJarGenerator(long dependencyBytes, int dependencyCount, long seed) {
    this.dependencyBytes = dependencyBytes;
    this.dependencyCount = dependencyCount;
    this.seed = seed;
  }

  /** Writes {@code dir/app-1.0.jar} whose application class says {@code revision}. */
  Path write(Path dir, int revision) throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve("app-1.0.jar");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.JarLauncher");
    main.putValue("Start-Class", "com.acme.demo.DemoApplication");
    main.putValue("Spring-Boot-Version", "2.7.18");
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    main.putValue("Spring-Boot-Layers-Index", "BOOT-INF/layers.idx");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      put(out, "org/springframework/boot/loader/JarLauncher.class", compile(
          "org.springframework.boot.loader.JarLauncher",
          "package org.springframework.boot.loader; public class JarLauncher {"
              + " public static void main(String[] a) {} }"));
      put(out, "BOOT-INF/classes/com/acme/demo/DemoApplication.class", compile(
          "com.acme.demo.DemoApplication",
          "package com.acme.demo; public class DemoApplication { public static void main(String[] a) {"
              + " System.out.println(\"revision " + revision + "\"); } }"));
      put(out, "BOOT-INF/classes/application.properties", "server.port=8080\n".getBytes(StandardCharsets.UTF_8));
      Random random = new Random(seed);
      long each = dependencyBytes / dependencyCount;
      StringBuilder classpath = new StringBuilder();
      for (int i = 0; i < dependencyCount; i++) {
        String name = "dep" + i + "-1." + i + ".jar";
        classpath.append("- \"BOOT-INF/lib/").append(name).append("\"\n");
        ZipEntry entry = new ZipEntry("BOOT-INF/lib/" + name);
        // Dependency jars come unchanged from the repository between builds: fixed times, same bytes.
        entry.setTime(DEPENDENCY_TIME);
        entry.setMethod(ZipEntry.STORED);
        byte[] bytes = dependencyJar(random, each);
        entry.setSize(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
      }
      put(out, "BOOT-INF/classpath.idx", classpath.toString().getBytes(StandardCharsets.UTF_8));
      put(out, "BOOT-INF/layers.idx", ("- \"dependencies\":\n  - \"BOOT-INF/lib/\"\n"
          + "- \"spring-boot-loader\":\n  - \"org/\"\n"
          + "- \"snapshot-dependencies\":\n"
          + "- \"application\":\n  - \"BOOT-INF/classes/\"\n  - \"BOOT-INF/classpath.idx\"\n"
          + "  - \"BOOT-INF/layers.idx\"\n  - \"META-INF/\"\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private static byte[] dependencyJar(Random random, long size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      JarEntry data = new JarEntry("data.bin");
      data.setTime(DEPENDENCY_TIME);
      data.setMethod(ZipEntry.STORED);
      byte[] content = new byte[(int) size];
      random.nextBytes(content);
      data.setSize(content.length);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(content);
      data.setCrc(crc.getValue());
      jar.putNextEntry(data);
      jar.write(content);
      jar.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setTime(315532800000L);
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }

  private static byte[] compile(String className, String source) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IOException("the build benchmark compiles its app class and needs a JDK, not a JRE");
    }
    ByteArrayOutputStream classBytes = new ByteArrayOutputStream();
    JavaFileObject src =
        new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
            JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    var files =
        new javax.tools.ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String name, JavaFileObject.Kind kind, javax.tools.FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), kind) {
              @Override
              public OutputStream openOutputStream() {
                return classBytes;
              }
            };
          }
        };
    boolean ok = compiler.getTask(null, files, null, List.of("--release", "17"), null, List.of(src)).call();
    if (!ok) {
      throw new IOException("compiling " + className + " for the benchmark failed");
    }
    return classBytes.toByteArray();
  }
}
