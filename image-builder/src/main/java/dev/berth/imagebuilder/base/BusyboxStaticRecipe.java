package dev.berth.imagebuilder.base;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A static-site base from scratch: Debian's static busybox (unpacked by mmdebstrap's extract variant), a link per
 * applet in {@code /bin}, and {@code busybox httpd} serving {@code /www} on 8080 as uid 10001.
 */
record BusyboxStaticRecipe() implements BaseRecipe {

  static final String WWW = "/www";
  private static final Pattern VERSION = Pattern.compile("BusyBox v(\\d+(?:\\.\\d+)+)");

  @Override
  public Map<String, String> inputs() {
    Map<String, String> in = new TreeMap<>();
    in.put("recipe", "busybox-static");
    in.put("recipes.version", RECIPES_VERSION);
    in.put("debian.suite", DebianRootRecipe.SUITE);
    in.put("debian.packages", "busybox-static");
    in.put("config", config("").toString());
    return in;
  }

  @Override
  public RootFs rootFs(Workspace ws) throws BaseImageException {
    Path tar = ws.dir().resolve("rootfs.tar");
    Path binary = ws.dir().resolve("busybox");
    if (!Files.exists(tar)) {
      Path extracted = ws.dir().resolve("busybox-static.tar");
      if (!Files.exists(extracted)) {
        DebianRootRecipe.mmdebstrap("extract", List.of("busybox-static"), null, extracted, ws);
      }
      copyBinary(extracted, binary);
      // The host runs the static binary just to list its applets.
      String list = ToolProcess.check(List.of(binary.toString(), "--list"), Map.of(), ws.dir(), 1);
      List<String> applets = new ArrayList<>(list.lines().map(String::strip).filter(a -> !a.isEmpty()).toList());
      ws.progress().accept("busybox with " + applets.size() + " applets");
      RootFsWriter.write(
          tar,
          w -> {
            w.directory("/etc", 0755, RootFsWriter.Owner.ROOT);
            w.file("/etc/passwd", Passwd.passwd(), 0644);
            w.file("/etc/group", Passwd.group(), 0644);
            w.file("/etc/nsswitch.conf", Passwd.nsswitch(), 0644);
            w.directory("/tmp", 01777, RootFsWriter.Owner.ROOT);
            w.directory(Passwd.APP_HOME, 0775, RootFsWriter.Owner.APP);
            w.directory(WWW, 0775, RootFsWriter.Owner.APP);
            w.hostFile("/bin/busybox", binary, RootFsWriter.Owner.ROOT);
            for (String applet : applets) {
              if (!applet.equals("busybox")) {
                w.symlink("/bin/" + applet, "busybox");
              }
            }
          });
    } else {
      ws.progress().accept("reusing " + tar);
      if (!Files.exists(binary)) {
        copyBinary(ws.dir().resolve("busybox-static.tar"), binary);
      }
    }
    return new RootFs(tar, config(version(binary)));
  }

  @Override
  public List<String> smokeCommand() {
    return List.of("sh", "-c", "busybox --help | head -1 && id -un");
  }

  private static ImageConfig config(String version) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/bin");
    env.put("LANG", "C.UTF-8");
    return new ImageConfig(
        env,
        WWW,
        BaseImages.APP_USER,
        List.of("busybox", "httpd", "-f", "-p", "8080", "-h", WWW),
        List.of(8080),
        version.isEmpty() ? Map.of() : Map.of(BaseImageLabels.RUNTIME_VERSION, version));
  }

  private static void copyBinary(Path extractedTar, Path binary) throws BaseImageException {
    try (TarArchiveInputStream t = new TarArchiveInputStream(Files.newInputStream(extractedTar))) {
      for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
        if (e.isFile() && e.getName().replaceFirst("^\\./", "").equals("bin/busybox")) {
          Files.copy(t, binary, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
          return;
        }
      }
    } catch (IOException e) {
      throw new BaseImageException("cannot read " + extractedTar + ": " + e.getMessage(), e);
    }
    throw new BaseImageException(
        "the busybox-static package in " + extractedTar + " has no bin/busybox; delete the folder and rebuild");
  }

  /** The version in busybox's banner, read from the binary. */
  static String version(Path binary) throws BaseImageException {
    try {
      Matcher m = VERSION.matcher(new String(Files.readAllBytes(binary), StandardCharsets.ISO_8859_1));
      if (m.find()) {
        return m.group(1);
      }
    } catch (IOException e) {
      throw new BaseImageException("cannot read " + binary + ": " + e.getMessage(), e);
    }
    throw new BaseImageException("no BusyBox version banner in " + binary);
  }
}
