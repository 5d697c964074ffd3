package dev.berth.imagebuilder.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.berth.imagebuilder.api.BuildEvent;
import dev.berth.imagebuilder.api.BuildRequest;
import dev.berth.imagebuilder.api.BuildResult;
import dev.berth.imagebuilder.api.BuildTarget;
import dev.berth.imagebuilder.base.BaseImages;
import dev.berth.imagebuilder.catalog.BaseImageCatalog;
import dev.berth.imagebuilder.docker.DockerClients;
import dev.berth.imagebuilder.docker.EngineBackend;
import dev.berth.imagebuilder.docker.ImageLayers;
import dev.berth.imagebuilder.dockerfile.DockerfileRenderer;
import dev.berth.imagebuilder.jib.JibBackend;
import dev.berth.imagebuilder.testing.DockerEngine;
import dev.berth.imagebuilder.testing.JarAssembler;
import dev.berth.imagebuilder.testing.SampleCompiler;
import dev.berth.imagebuilder.testing.Samples;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stack's generated Dockerfile, built from a runnable sample through the whole pipeline (detect, render with
 * the offline-base fallback, engine build), answers HTTP on its health path from the host; the jakarta WAR on
 * Tomcat 9 is the control that must not.
 */
@ExtendWith(DockerEngine.class)
class StackImagesIT {

  /** Expected status of the control: any 4xx or 5xx answer, never 200. */
  static final int FAILS = -4;

  static final List<String> IMAGES = new ArrayList<>();
  static DockerClient docker;
  static StepsRunner runner;

  @TempDir Path dir;

  @BeforeAll
  static void bases() throws Exception {
    for (String id : List.of("jre-17", "tomcat-9.0", "tomcat-10.1", "node-18", "python-3.11", "go-build", "go-run",
        "static")) {
      BaseImages.shared().ensure(id);
    }
    docker = DockerClients.local();
    Map<String, String> label = Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId());
    runner = new StepsRunner(
        List.of(new EngineBackend(null, label), new JibBackend(Files.createTempDirectory("berth-jib"), label)),
        DockerfileRenderer.standard(), BaseImageCatalog.load());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    IMAGES.forEach(ImageLayers::remove);
    if (docker != null) {
      docker.close();
    }
  }

  static Stream<Arguments> stacks() {
    return Stream.of(
        Arguments.of("jvm-dist", (Function<Path, Path>) Samples::l1DistJdk7, null, 200),
        Arguments.of("jvm-jar", (Function<Path, Path>) Samples::l2JarClasspath, null, 200),
        Arguments.of("jvm-boot", (Function<Path, Path>) StackImagesIT::runnableBootJar, null, 200),
        Arguments.of("jvm-war-javax-tomcat9", (Function<Path, Path>) Samples::l4WarJavax, null, 200),
        Arguments.of("jvm-war-jakarta-tomcat10", (Function<Path, Path>) Samples::l4bWarJakarta, null, 200),
        // Control: Tomcat 9 cannot load a jakarta servlet. Its web.xml names the servlet, so Tomcat answers 500
        // (class not loadable) where an annotation-only WAR would answer 404; either way the app does not work.
        Arguments.of("jvm-war-jakarta-tomcat9", (Function<Path, Path>) Samples::l4bWarJakarta,
            "berth/tomcat:9.0-jre17", FAILS),
        Arguments.of("node", (Function<Path, Path>) Samples::n1Node, null, 200),
        Arguments.of("python", (Function<Path, Path>) Samples::p1Python, null, 200),
        Arguments.of("go", (Function<Path, Path>) Samples::o1Go, null, 200),
        Arguments.of("static", (Function<Path, Path>) Samples::s1Static, null, 200));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void builtImageAnswersItsHealthCheck(String name, Function<Path, Path> sample, String baseImage, int expected)
      throws Exception {
    Path app = sample.apply(dir.resolve("app"));
    String image = "berth-test/stack-" + name + ":" + DockerEngine.runId();
    IMAGES.add(image);
    List<BuildEvent> events = new ArrayList<>();
    BuildRequest request = new BuildRequest(app, List.of(image), false, new BuildTarget.Engine(), baseImage, null,
        dir.resolve("out"), null);

    BuildResult result = runner.build(request, events::add);

    if (events.stream().anyMatch(e -> e.kind() == BuildEvent.Kind.NOTICE)) {
      // The public base could not be had: the one-line notice and the offline base go together.
      assertThat(result.offlineBase()).isTrue();
    }
    String health = detectedHealth(dir.resolve("out/detect-report.json"));
    int port = exposedPort(image);
    String path = health != null && health.startsWith("http:") && health.indexOf('/') > 0
        ? health.substring(health.indexOf('/')) : "/";
    String id = docker.createContainerCmd(image)
        .withLabels(Map.of(DockerEngine.RUN_LABEL, DockerEngine.runId()))
        .withExposedPorts(ExposedPort.tcp(port))
        .withHostConfig(HostConfig.newHostConfig()
            .withMemory(512L * 1024 * 1024)
            .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port))))
        .exec()
        .getId();
    try {
      docker.startContainerCmd(id).exec();
      Ports.Binding[] bound = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
          .get(ExposedPort.tcp(port));
      String url = "http://127.0.0.1:" + bound[0].getHostPortSpec() + path;
      int status = firstAnswer(url, 60);
      if (expected == FAILS) {
        assertThat(status).as("%s must not work", url).isBetween(400, 599);
      } else {
        assertThat(status).as("%s answers %s", url, expected).isEqualTo(expected);
      }
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  /**
   * A Boot 2.7 layered fat jar whose loader really serves HTTP on 8085 (the corpus's Boot samples only detect):
   * the image must run the loader from the exploded layers, as Boot's own {@code JarLauncher} would be run.
   */
  static Path runnableBootJar(Path dir) {
    String launcher = """
        package org.springframework.boot.loader;
        public class JarLauncher {
          public static void main(String[] a) throws Exception {
            com.sun.net.httpserver.HttpServer s =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(8085), 0);
            s.createContext("/", x -> { x.sendResponseHeaders(200, -1); x.close(); });
            s.start();
          }
        }
        """;
    return JarAssembler.create()
        .manifest("Main-Class", "org.springframework.boot.loader.JarLauncher")
        .manifest("Start-Class", "com.acme.shop.ShopApp")
        .manifest("Spring-Boot-Version", "2.7.18")
        .manifest("Spring-Boot-Classes", "BOOT-INF/classes/")
        .manifest("Spring-Boot-Lib", "BOOT-INF/lib/")
        .manifest("Spring-Boot-Layers-Index", "BOOT-INF/layers.idx")
        .classes("", SampleCompiler.compile(8, Map.of("org.springframework.boot.loader.JarLauncher", launcher)))
        .classes("BOOT-INF/classes/", SampleCompiler.compile(17, Map.of("com.acme.shop.ShopApp",
            "package com.acme.shop; public class ShopApp { public static void main(String[] a) {} }")))
        .text("BOOT-INF/classes/application.yml", "server:\n  port: 8085\n")
        .entry("BOOT-INF/lib/spring-core-5.3.31.jar", read(JarAssembler.create().text("x.txt", "x").write(dir.resolve("parts/core.jar"))))
        .text("BOOT-INF/layers.idx", """
            - "dependencies":
              - "BOOT-INF/lib/"
            - "spring-boot-loader":
              - "org/"
            - "snapshot-dependencies":
            - "application":
              - "BOOT-INF/classes/"
              - "BOOT-INF/layers.idx"
              - "META-INF/"
            """)
        .write(dir.resolve("shop/target/shop-2.7.18.jar"));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String detectedHealth(Path report) throws Exception {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
    return node.hasNonNull("health") ? node.get("health").asText() : null;
  }

  private static int exposedPort(String image) {
    ExposedPort[] ports = docker.inspectImageCmd(image).exec().getConfig().getExposedPorts();
    assertThat(ports).as("%s exposes a port", image).isNotEmpty();
    return ports[0].getPort();
  }

  /** The first HTTP status the URL answers within {@code seconds}, or -1. */
  private static int firstAnswer(String url, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        try {
          return c.getResponseCode();
        } finally {
          c.disconnect();
        }
      } catch (java.io.IOException notYet) {
        Thread.sleep(200);
      }
    }
    return -1;
  }
}
