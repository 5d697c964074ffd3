package dev.berth.jenkins.actions;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.runtime.api.json.ApiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.Jenkins;

/**
 * The last Jenkins build that deployed each app, kept in one small JSON file on the controller
 * ({@code $JENKINS_HOME/berth-deploys.json}): the master knows revisions, not builds. Written by {@code berthDeploy},
 * read by the dashboard.
 */
public final class DeployLedger {

  /** The file's name in Jenkins' home folder. */
  public static final String FILE_NAME = "berth-deploys.json";

  /**
   * One app's last deploy.
   *
   * @param build the build's display name, e.g. {@code shop-pipeline #12}
   * @param externalizableId the build's id for {@code Run.fromExternalizableId}, e.g. {@code shop-pipeline#12}
   * @param url the build's URL relative to Jenkins' root, e.g. {@code job/shop-pipeline/12/}
   * @param atMs when the deploy ended (epoch milliseconds)
   * @param outcome the deploy's outcome ({@code SUCCEEDED}, {@code FAILED}, ...)
   * @param revision the revision it applied
   */
  public record Entry(String build, String externalizableId, String url, long atMs, String outcome, long revision) {}

  /** One lock for every instance: the controller's ledger is one file, written from parallel builds. */
  private static final Object LOCK = new Object();

  private final Path file;

  public DeployLedger(Path file) {
    this.file = file;
  }

  /** The controller's ledger, in Jenkins' home folder. */
  public static DeployLedger onController() {
    return new DeployLedger(Jenkins.get().getRootDir().toPath().resolve(FILE_NAME));
  }

  /** The key of an app in the ledger, {@code namespace/app}. */
  public static String key(String namespace, String app) {
    return namespace + "/" + app;
  }

  /** Every app's last deploy by {@link #key}; empty when nothing was recorded or the file does not parse. */
  public Map<String, Entry> read() {
    synchronized (LOCK) {
      return readUnlocked();
    }
  }

  private Map<String, Entry> readUnlocked() {
    if (!Files.isRegularFile(file)) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(ApiJson.readMap(Files.readString(file, StandardCharsets.UTF_8),
          new TypeReference<Map<String, Entry>>() {}));
    } catch (IOException | IllegalArgumentException e) {
      // A damaged ledger only loses the build links; the dashboard still shows the master's status.
      return new TreeMap<>();
    }
  }

  /** Records {@code entry} as the app's last deploy; the file is replaced atomically so readers never see half. */
  public void record(String namespace, String app, Entry entry) throws IOException {
    synchronized (LOCK) {
      Map<String, Entry> all = readUnlocked();
      all.put(key(namespace, app), entry);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, ApiJson.toJson(all), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
