package dev.berth.imagebuilder.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The engine calls offline base images need: find an image by label, load a root filesystem tar as a one-layer
 * image with its config, tag, and run a command or a server in an image. JDK types only in its signatures.
 */
public final class EngineImages implements Closeable {

  /**
   * An image on the engine.
   *
   * @param id image ID ({@code sha256:…})
   * @param tags repository tags, possibly empty
   * @param sizeBytes size
   * @param labels labels, possibly empty
   * @param layers number of filesystem layers
   */
  public record EngineImage(
      String id, List<String> tags, long sizeBytes, Map<String, String> labels, int layers) {
    public EngineImage {
      tags = List.copyOf(tags);
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
  }

  /**
   * What a finished command printed.
   *
   * @param exitCode the container's exit status
   * @param output stdout and stderr, interleaved
   */
  public record RunOutput(int exitCode, String output) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EPOCH = "1970-01-01T00:00:00Z";

  private final DockerClient docker;

  public EngineImages(DockerClient docker) {
    this.docker = docker;
  }

  /** A client for the local engine ({@link DockerClients#local()}), closed with this object. */
  public static EngineImages local() {
    return new EngineImages(DockerClients.local());
  }

  /**
   * Every image carrying {@code key=value}, newest first. Labels are inherited, so images built FROM a labelled
   * image match too; callers tell them apart by {@link EngineImage#layers()}.
   */
  public List<EngineImage> findByLabel(String key, String value) throws EngineImageException {
    List<Image> images;
    try {
      images = docker.listImagesCmd().withLabelFilter(Map.of(key, value)).exec();
    } catch (RuntimeException e) {
      throw new EngineImageException("listing images with label " + key + "=" + value + " failed", e);
    }
    List<EngineImage> found = new ArrayList<>();
    for (Image i : images.stream().sorted((a, b) -> Long.compare(nz(b.getCreated()), nz(a.getCreated()))).toList()) {
      inspect(i.getId()).ifPresent(found::add);
    }
    return found;
  }

  /** The image a tag or ID names, if present. */
  public Optional<EngineImage> inspect(String ref) throws EngineImageException {
    try {
      InspectImageResponse r = docker.inspectImageCmd(ref).exec();
      Map<String, String> labels = r.getConfig() == null ? Map.of() : r.getConfig().getLabels();
      int layers = r.getRootFS() == null || r.getRootFS().getLayers() == null ? 0 : r.getRootFS().getLayers().size();
      return Optional.of(
          new EngineImage(
              r.getId(), r.getRepoTags() == null ? List.of() : r.getRepoTags(), nz(r.getSize()), labels, layers));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new EngineImageException("inspecting image " + ref + " failed", e);
    }
  }

  /** Points {@code repoTag} ({@code repo:tag}) at an image, moving it from any other image. */
  public void tag(String imageId, String repoTag) throws EngineImageException {
    int colon = repoTag.lastIndexOf(':');
    try {
      docker
          .tagImageCmd(imageId, repoTag.substring(0, colon), repoTag.substring(colon + 1))
          .withForce(true)
          .exec();
    } catch (RuntimeException e) {
      throw new EngineImageException("tagging " + imageId + " as " + repoTag + " failed", e);
    }
  }

  /** Removes a tag; the image itself stays while other tags or child images use it. */
  public void untag(String repoTag) {
    try {
      docker.removeImageCmd(repoTag).withNoPrune(true).exec();
    } catch (RuntimeException e) {
      // A tag that is gone or still needed is not worth failing a build for.
    }
  }

  /**
   * Removes an untagged image that nothing uses; an image with children, containers or tags stays (the engine
   * refuses, and so does this method, quietly).
   */
  public void removeIfUnused(String imageId) {
    try {
      docker.removeImageCmd(imageId).withForce(false).exec();
    } catch (RuntimeException e) {
      // In use: it stays until its users are gone.
    }
  }

  /**
   * Loads a one-layer image ({@code docker load} of a save-format stream made on the fly) and tags it. Used instead
   * of {@code docker import}, whose docker-java call sends a body the engine rejects ("unexpected EOF",
   * docker-java#2377), and because load sets the whole config in one step. The creation time is the epoch, so the
   * same tar and config give the same image ID.
   *
   * @return the image ID
   */
  public String load(RootFsImage image, String repoTag) throws EngineImageException {
    byte[] config;
    byte[] manifest;
    String configHex;
    String layerName = image.layerDigest().substring("sha256:".length()) + "/layer.tar";
    try {
      config = JSON.writeValueAsBytes(configJson(image));
      configHex = sha256(config);
      manifest =
          JSON.writeValueAsBytes(
              List.of(
                  Map.of(
                      "Config", configHex + ".json", "RepoTags", List.of(repoTag), "Layers", List.of(layerName))));
    } catch (IOException e) {
      throw new EngineImageException("encoding the image config failed", e);
    }
    PipedInputStream in = new PipedInputStream(1 << 20);
    AtomicReference<Exception> writeFailure = new AtomicReference<>();
    Thread writer;
    try {
      PipedOutputStream pipe = new PipedOutputStream(in);
      writer =
          new Thread(
              () -> {
                try (TarArchiveOutputStream tar = new TarArchiveOutputStream(pipe)) {
                  tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                  tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                  putBytes(tar, configHex + ".json", config);
                  putBytes(tar, "manifest.json", manifest);
                  TarArchiveEntry layer = new TarArchiveEntry(layerName);
                  layer.setSize(Files.size(image.layerTar()));
                  layer.setMode(0100644);
                  tar.putArchiveEntry(layer);
                  Files.copy(image.layerTar(), tar);
                  tar.closeArchiveEntry();
                  tar.finish();
                } catch (IOException | RuntimeException e) {
                  writeFailure.set(e);
                }
              },
              "berth-image-load");
      writer.setDaemon(true);
      writer.start();
    } catch (IOException e) {
      throw new EngineImageException("preparing the image stream failed", e);
    }
    try (InputStream body = in) {
      docker.loadImageCmd(body).exec();
      writer.join();
    } catch (IOException | RuntimeException e) {
      throw new EngineImageException("loading " + image.layerTar() + " as " + repoTag + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineImageException("interrupted while loading " + repoTag, e);
    }
    if (writeFailure.get() != null) {
      throw new EngineImageException("streaming " + image.layerTar() + " failed", writeFailure.get());
    }
    return inspect(repoTag)
        .orElseThrow(() -> new EngineImageException(
                    "docker load accepted " + image.layerTar() + " but has no " + repoTag + "; the engine"
                        + " rejected the layer (try docker import " + image.layerTar() + " to see why)",
                    null))
        .id();
  }

  private static Map<String, Object> configJson(RootFsImage image) {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("Env", image.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    if (!image.cmd().isEmpty()) {
      cfg.put("Cmd", image.cmd());
    }
    cfg.put("WorkingDir", image.workdir());
    if (image.user() != null) {
      cfg.put("User", image.user());
    }
    if (!image.exposedPorts().isEmpty()) {
      Map<String, Object> ports = new LinkedHashMap<>();
      image.exposedPorts().forEach(p -> ports.put(p + "/tcp", Map.of()));
      cfg.put("ExposedPorts", ports);
    }
    cfg.put("Labels", image.labels());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("architecture", "amd64");
    root.put("os", "linux");
    root.put("created", EPOCH);
    root.put("config", cfg);
    root.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(image.layerDigest())));
    root.put("history", List.of(Map.of("created", EPOCH, "created_by", "berth base-images")));
    return root;
  }

  private static void putBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    e.setMode(0100644);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /** Hex SHA-256 of a file, e.g. for a layer's diff ID. */
  public static String sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Runs {@code command} (as the entrypoint) in a new container and removes it afterwards.
   *
   * @param user e.g. {@code 10001:0}
   * @param labels labels of the container, e.g. a test run's
   */
  public RunOutput run(String image, String user, List<String> command, Map<String, String> labels, Duration timeout)
      throws EngineImageException {
    String id = null;
    try {
      CreateContainerResponse c =
          docker
              .createContainerCmd(image)
              .withUser(user)
              .withEntrypoint(command)
              .withCmd(List.of())
              .withLabels(labels)
              .exec();
      id = c.getId();
      docker.startContainerCmd(id).exec();
      int exit =
          docker
              .waitContainerCmd(id)
              .exec(new WaitContainerResultCallback())
              .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new RunOutput(exit, logs(id));
    } catch (RuntimeException e) {
      throw new EngineImageException("running " + String.join(" ", command) + " in " + image + " failed", e);
    } finally {
      if (id != null) {
        removeContainer(id);
      }
    }
  }

  /**
   * Starts a container with its image's own command, one container port published on a free port of 127.0.0.1.
   *
   * @param files files to put into the container before it starts (absolute path → content, mode 0644, owned by
   *     {@code user}'s uid and gid)
   * @return the container ID and the host port
   */
  public Map.Entry<String, Integer> serve(
      String image, String user, int containerPort, Map<String, String> labels, Map<String, byte[]> files)
      throws EngineImageException {
    try {
      ExposedPort port = ExposedPort.tcp(containerPort);
      CreateContainerResponse c =
          docker
              .createContainerCmd(image)
              .withUser(user)
              .withLabels(labels)
              .withExposedPorts(port)
              .withHostConfig(
                  HostConfig.newHostConfig()
                      .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), port)))
              .exec();
      if (!files.isEmpty()) {
        docker
            .copyArchiveToContainerCmd(c.getId())
            .withRemotePath("/")
            .withTarInputStream(new ByteArrayInputStream(tarOf(files, user)))
            .exec();
      }
      docker.startContainerCmd(c.getId()).exec();
      Ports.Binding[] bound =
          docker.inspectContainerCmd(c.getId()).exec().getNetworkSettings().getPorts().getBindings().get(port);
      return Map.entry(c.getId(), Integer.parseInt(bound[0].getHostPortSpec()));
    } catch (RuntimeException e) {
      throw new EngineImageException("starting " + image + " with port " + containerPort + " failed", e);
    }
  }

  private static byte[] tarOf(Map<String, byte[]> files, String user) {
    String[] ids = user.split(":");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey().replaceFirst("^/", ""));
        e.setSize(f.getValue().length);
        e.setMode(0100644);
        e.setIds(Integer.parseInt(ids[0]), ids.length > 1 ? Integer.parseInt(ids[1]) : 0);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Stdout and stderr of a container so far. */
  public String logs(String containerId) {
    StringBuilder out = new StringBuilder();
    try {
      docker
          .logContainerCmd(containerId)
          .withStdOut(true)
          .withStdErr(true)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.append("(logs unavailable: ").append(e.getMessage()).append(')');
    }
    return out.toString();
  }

  /** Removes a container, running or not; a container that is gone already is fine. */
  public void removeContainer(String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      // best effort: the run label lets the test script remove leftovers
    }
  }

  private static long nz(Long value) {
    return value == null ? 0 : value;
  }

  @Override
  public void close() throws IOException {
    docker.close();
  }
}
