package dev.berth.imagebuilder.api;

import java.nio.file.Path;
import java.util.Objects;

/** Where a built image goes: the engine's image store, a registry, or a {@code docker load}-able tar file. */
public sealed interface BuildTarget {

  /** Into the Docker engine's images (the engine backend always builds there first). */
  record Engine() implements BuildTarget {}

  /**
   * Pushed to the registry named by each tag (e.g. {@code 127.0.0.1:5000/app:1}), logged in as {@code auth} says.
   */
  record Registry(RegistryAuth auth) implements BuildTarget {
    public Registry {
      Objects.requireNonNull(auth, "auth");
    }

    /** Logged in as this process's environment and Docker config say. */
    public Registry() {
      this(RegistryAuth.fromProcess());
    }
  }

  /** Written as a {@code docker load}-able tar file. */
  record Tar(Path file) implements BuildTarget {
    public Tar {
      Objects.requireNonNull(file, "file");
    }
  }
}
