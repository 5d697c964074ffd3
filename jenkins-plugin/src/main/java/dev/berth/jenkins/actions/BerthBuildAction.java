package dev.berth.jenkins.actions;

import dev.berth.jenkins.cluster.DeployResult;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.HttpResponses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.verb.GET;

/**
 * What one build did with Berth (detect summary, image and digest, rollout outcome), shown on the build page and
 * served as JSON at {@code job/<job>/<n>/berth/data}.
 *
 * <p>Saved in {@code build.xml} by XStream, which restores fields without running constructors: fields are
 * Strings and primitives only (JENKINS.md §4.3), and their names are a compatibility contract.
 */
public final class BerthBuildAction implements RunAction2 {

  /** The action's URL segment under the build. */
  public static final String URL_NAME = "berth";

  private transient Run<?, ?> run;

  private String detectOutcome;
  private String stack;
  private String subtype;
  private String confidence;
  private String artifact;
  private String reportFile;
  private String image;
  private String digest;
  private String imageId;
  private String builder;
  /** What berthBuild built, digest-pinned when pushed; a deploy's own image: never replaces it. */
  private String builtReference;
  private String tags;
  private String app;
  private String namespace;
  private long revision;
  private String deployOutcome;
  private int ready;
  private int desired;
  private long durationMs;
  private String deployMessage;
  private long deployedAtMs;
  private String deployTarget;

  /**
   * Applies {@code change} to the run's action (attached first if missing) and saves the run. Holds the run's monitor,
   * because parallel branches of one build may record at the same time.
   */
  public static void update(Run<?, ?> run, Consumer<BerthBuildAction> change) throws IOException {
    synchronized (run) {
      BerthBuildAction action = run.getAction(BerthBuildAction.class);
      if (action == null) {
        action = new BerthBuildAction();
        run.addAction(action);
      }
      change.accept(action);
      run.save();
    }
  }

  /** Records a detection's result map (as {@code berthDetect} returns it). */
  public void recordDetect(Map<String, Object> result) {
    detectOutcome = text(result.get("outcome"));
    stack = text(result.get("stack"));
    subtype = text(result.get("subtype"));
    confidence = text(result.get("confidence"));
    artifact = text(result.get("artifact"));
    reportFile = text(result.get("reportFile"));
  }

  /** Records the image a step built or deployed; an empty digest keeps a digest recorded before for the same image. */
  public void recordImage(String image, String digest) {
    if (image == null || image.isEmpty()) {
      return;
    }
    if (!image.equals(this.image) || (digest != null && !digest.isEmpty())) {
      this.digest = digest == null ? "" : digest;
    }
    this.image = image;
    int at = image.indexOf("@sha256:");
    if (at > 0 && (this.digest == null || this.digest.isEmpty())) {
      this.digest = image.substring(at + 1);
    }
  }

  /**
   * Records the image {@code berthBuild} built: its references (kept comma-separated, a String for XStream), ID,
   * digest (empty when not pushed), builder, and the reference a later {@code berthDeploy} without {@code image:}
   * deploys (digest-pinned when pushed).
   */
  public void recordBuild(
      String image, List<String> tags, String imageId, String digest, String builder, String reference) {
    this.builtReference = reference;
    this.image = image;
    this.digest = digest == null ? "" : digest;
    this.imageId = imageId == null ? "" : imageId;
    this.builder = builder == null ? "" : builder;
    this.tags = String.join(",", tags);
  }

  /** Records how a deploy ended, at {@code atMs} (epoch milliseconds). */
  public void recordDeploy(DeployResult result, long atMs) {
    app = result.app();
    namespace = result.namespace();
    revision = result.revision();
    deployOutcome = result.outcome().name();
    ready = result.ready();
    desired = result.desired();
    durationMs = result.durationMs();
    deployMessage = result.message() == null ? "" : result.message();
    deployedAtMs = atMs;
    deployTarget = result.target();
  }

  /** The JSON of {@code data}: sections {@code detect}, {@code image}, {@code deploy}, each only once recorded. */
  public LinkedHashMap<String, Object> toMap() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    if (detectOutcome != null) {
      LinkedHashMap<String, Object> d = new LinkedHashMap<>();
      d.put("outcome", detectOutcome);
      d.put("stack", nonNull(stack));
      d.put("subtype", nonNull(subtype));
      d.put("confidence", nonNull(confidence));
      d.put("artifact", nonNull(artifact));
      d.put("reportFile", nonNull(reportFile));
      m.put("detect", d);
    }
    if (image != null) {
      LinkedHashMap<String, Object> i = new LinkedHashMap<>();
      i.put("image", image);
      i.put("digest", nonNull(digest));
      i.put("imageId", nonNull(imageId));
      i.put("builder", nonNull(builder));
      i.put("tags", tags == null || tags.isEmpty()
          ? new ArrayList<String>() : new ArrayList<>(List.of(tags.split(","))));
      m.put("image", i);
    }
    if (deployOutcome != null) {
      LinkedHashMap<String, Object> d = new LinkedHashMap<>();
      d.put("app", app);
      d.put("namespace", namespace);
      d.put("revision", revision);
      d.put("outcome", deployOutcome);
      d.put("ready", (long) ready);
      d.put("desired", (long) desired);
      d.put("durationMs", durationMs);
      d.put("message", nonNull(deployMessage));
      d.put("deployedAtMs", deployedAtMs);
      d.put("target", getDeployTarget());
      d.put("dashboardPath", getDashboardPath());
      m.put("deploy", d);
    }
    return m;
  }

  /** Serves {@link #toMap()} to users who may read the build. */
  @GET
  public HttpResponse doData() {
    run.checkPermission(Item.READ);
    return HttpResponses.okJSON(toMap());
  }

  @Override
  public void onAttached(Run<?, ?> r) {
    this.run = r;
  }

  @Override
  public void onLoad(Run<?, ?> r) {
    this.run = r;
  }

  @Override
  public String getIconFileName() {
    return "symbol-cube";
  }

  @Override
  public String getDisplayName() {
    return "Berth";
  }

  @Override
  public String getUrlName() {
    return URL_NAME;
  }

  /** The build this action belongs to (for the full page's side panel). */
  public Run<?, ?> getRun() {
    return run;
  }

  public String getDetectOutcome() {
    return detectOutcome;
  }

  public String getStack() {
    return stack;
  }

  public String getSubtype() {
    return subtype;
  }

  public String getConfidence() {
    return confidence;
  }

  public String getArtifact() {
    return artifact;
  }

  public String getReportFile() {
    return reportFile;
  }

  public String getImage() {
    return image;
  }

  public String getDigest() {
    return digest;
  }

  /** The built image's ID, or empty/null when no berthBuild ran. */
  public String getImageId() {
    return imageId;
  }

  /** The builder berthBuild used ({@code docker}, {@code jib}, {@code cluster}), or empty/null. */
  /** The reference berthBuild recorded for deploys, or empty when this run built nothing. */
  public String getBuiltReference() {
    return builtReference == null ? "" : builtReference;
  }

  public String getBuilder() {
    return builder;
  }

  public String getApp() {
    return app;
  }

  public String getNamespace() {
    return namespace;
  }

  public long getRevision() {
    return revision;
  }

  public String getDeployOutcome() {
    return deployOutcome;
  }

  public int getReady() {
    return ready;
  }

  public int getDesired() {
    return desired;
  }

  public String getDeployMessage() {
    return deployMessage;
  }

  public long getDeployedAtMs() {
    return deployedAtMs;
  }

  /** Where the deploy went, {@code berth} or {@code kubernetes}; builds recorded before targets existed read berth. */
  public String getDeployTarget() {
    return deployTarget == null || deployTarget.isEmpty() ? "berth" : deployTarget;
  }

  /** The app's row on the dashboard, relative to Jenkins' root URL; empty before a deploy or for Kubernetes. */
  public String getDashboardPath() {
    // The dashboard shows the Berth cluster's apps; a Kubernetes deploy has no row there.
    return deployOutcome == null || !getDeployTarget().equals("berth") ? ""
        : BerthDashboardAction.URL_NAME + "/#" + namespace + "/" + app;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
