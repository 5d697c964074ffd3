package dev.berth.imagebuilder.base;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Where each Debian-based base's runtime version is read from its finished tar, before the image exists. */
final class VersionProbes {

  private VersionProbes() {}

  /** A JDK's {@code release} file, e.g. {@code usr/lib/jvm/java-17-openjdk-amd64/release}. */
  static DebianRootRecipe.VersionProbe jdkRelease(String releasePath) {
    return tar -> JlinkJreRecipe.jdkLabels(JdkRelease.parse(file(tar, releasePath)));
  }

  /** The upstream version of an installed package, from dpkg's status file. */
  static DebianRootRecipe.VersionProbe dpkg(String pkg) {
    return tar -> {
      String status = file(tar, "var/lib/dpkg/status");
      String version =
          DpkgStatus.parse(status)
              .version(pkg)
              .orElseThrow(() -> new BaseImageException("package " + pkg + " is not installed in " + tar));
      return Map.of(BaseImageLabels.RUNTIME_VERSION, DpkgStatus.upstream(version));
    };
  }

  /** Debian's point release, from {@code /etc/debian_version} (e.g. {@code 12.11}). */
  static DebianRootRecipe.VersionProbe debianRelease() {
    return tar -> Map.of(BaseImageLabels.RUNTIME_VERSION, file(tar, "etc/debian_version").strip());
  }

  private static String file(Path tar, String path) throws BaseImageException {
    String text = TarFiles.read(tar, Set.of(path)).get(path);
    if (text == null) {
      throw new BaseImageException(
          "the root filesystem " + tar + " has no " + path + "; delete " + tar.getParent() + " and rebuild");
    }
    return text;
  }
}
