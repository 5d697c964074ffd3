package dev.berth.imagebuilder.inspect;

import dev.berth.imagebuilder.api.DetectReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DETECTION.md §2.5: JVM flags from a start script, checked against the runtime release. Flags the runtime
 * rejects are dropped or translated, memory flags move to labels (a command-line {@code -Xmx} would beat the
 * runtime's sizing in {@code JAVA_TOOL_OPTIONS}), everything else is kept.
 */
public final class FlagTranslator {

  private static final Pattern XX = Pattern.compile("^-XX:([+-]?)([A-Za-z0-9]+)(?:=(.*))?$");
  private static final Set<String> MEMORY_XX = Set.of("MaxRAM", "MaxRAMPercentage", "InitialRAMPercentage",
      "MinRAMPercentage", "MaxMetaspaceSize", "MaxDirectMemorySize", "ReservedCodeCacheSize", "MetaspaceSize");
  private static final Set<String> PERM = Set.of("PermSize", "MaxPermSize");
  private static final Set<String> GC_LOG_REMOVED = Set.of("PrintGCDateStamps", "PrintGCTimeStamps",
      "PrintTenuringDistribution", "PrintHeapAtGC", "PrintGCApplicationStoppedTime", "UseGCLogFileRotation",
      "NumberOfGCLogFiles", "GCLogFileSize");
  private static final Set<String> OBSOLETE = Set.of("AggressiveOpts", "UseFastAccessorMethods",
      "UseCompressedStrings", "UseStringCache", "UseSplitVerifier", "UseMembar", "UseCGroupMemoryLimitForHeap",
      "UnlockCommercialFeatures", "MaxRAMFraction", "UseBiasedLocking", "UseParNewGC", "UseConcMarkSweepGC");
  private static final Set<String> IGNORED_WITH_WARNING = Set.of("FlightRecorder");
  /** -XX flags the runtime is known to accept; others are kept with FLAG_UNVERIFIED. */
  private static final Set<String> KNOWN = Set.of("UseG1GC", "UseParallelGC", "UseSerialGC", "UseZGC",
      "HeapDumpOnOutOfMemoryError", "HeapDumpPath", "ExitOnOutOfMemoryError", "CrashOnOutOfMemoryError",
      "MaxGCPauseMillis", "+UseStringDeduplication", "UseStringDeduplication", "ErrorFile", "ParallelGCThreads",
      "ConcGCThreads", "UseContainerSupport", "ActiveProcessorCount", "TieredStopAtLevel", "UseCompressedOops",
      "OnOutOfMemoryError", "G1HeapRegionSize", "InitiatingHeapOccupancyPercent", "SoftRefLRUPolicyMSPerMB",
      "UnlockExperimentalVMOptions", "UnlockDiagnosticVMOptions", "StartFlightRecording", "NewRatio",
      "SurvivorRatio", "MaxTenuringThreshold", "PerfDisableSharedMem", "UsePerfData");

  private FlagTranslator() {}

  /** Translates {@code options} (JVM options only, no classpath or main class) for {@code runtime}. */
  public static TranslatedFlags translate(List<String> options, int runtime, String where) {
    List<String> line = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<DetectReport.Translation> translated = new ArrayList<>();
    List<DetectReport.Dropped> dropped = new ArrayList<>();
    List<String> memory = new ArrayList<>();
    List<DetectReport.Warning> warnings = new ArrayList<>();
    String migration = null;
    boolean gcLog = false;
    for (String f : options) {
      if (f.startsWith("-Xmx") || f.startsWith("-Xms") || f.startsWith("-Xss") || f.startsWith("-Xmn")) {
        memory.add(f);
        continue;
      }
      if (f.startsWith("-Xloggc:")) {
        gcLog = true;
        translated.add(new DetectReport.Translation(f, "-Xlog:gc*"));
        continue;
      }
      if (f.equals("-Xincgc") || f.equals("-d64") || f.equals("-Xverify:none") || f.startsWith("--illegal-access")
          || f.equals("-noverify")) {
        dropped.add(new DetectReport.Dropped(f, "not accepted or ignored by Java " + runtime));
        warnings.add(dropWarning(f, where));
        continue;
      }
      if (f.startsWith("-Djava.endorsed.dirs") || f.startsWith("-Djava.ext.dirs")
          || f.startsWith("-Xbootclasspath/p:")) {
        if (runtime > 8 && migration == null) {
          migration = f;
        }
        kept.add(f);
        line.add(f);
        continue;
      }
      Matcher m = XX.matcher(f);
      if (!m.matches()) {
        kept.add(f);
        line.add(f);
        continue;
      }
      String name = m.group(2);
      if (MEMORY_XX.contains(name)) {
        memory.add(f);
      } else if (PERM.contains(name)) {
        dropped.add(new DetectReport.Dropped(f, "PermGen was removed in Java 8; fatal on " + runtime));
        warnings.add(dropWarning(f, where));
      } else if (name.startsWith("CMS") || OBSOLETE.contains(name)) {
        dropped.add(new DetectReport.Dropped(f, "removed before Java " + runtime + "; the runtime picks the GC"));
        warnings.add(dropWarning(f, where));
      } else if (name.equals("UseParallelOldGC")) {
        translated.add(new DetectReport.Translation(f, "-XX:+UseParallelGC"));
        line.add("-XX:+UseParallelGC");
      } else if (GC_LOG_REMOVED.contains(name) || name.equals("PrintGCDetails") || name.equals("PrintGC")) {
        gcLog |= !m.group(1).equals("-");
        dropped.add(new DetectReport.Dropped(f, "old GC logging, replaced by -Xlog:gc* on stdout"));
      } else if (IGNORED_WITH_WARNING.contains(name)) {
        dropped.add(new DetectReport.Dropped(f, "ignored by Java " + runtime));
        warnings.add(dropWarning(f, where));
      } else {
        kept.add(f);
        line.add(f);
        if (!KNOWN.contains(name)) {
          warnings.add(new DetectReport.Warning("FLAG_UNVERIFIED", f + " is not in Berth's table of flags checked"
              + " against Java " + runtime + "; it is kept — check that the image starts", where, null));
        }
      }
    }
    if (gcLog) {
      line.add("-Xlog:gc*");
      if (translated.stream().noneMatch(t -> t.to().equals("-Xlog:gc*"))) {
        translated.add(new DetectReport.Translation("GC logging flags", "-Xlog:gc*"));
      }
    }
    return new TranslatedFlags(line, new DetectReport.Flags(kept, translated, dropped, memory), warnings,
        migration);
  }

  private static DetectReport.Warning dropWarning(String flag, String where) {
    return new DetectReport.Warning("FLAG_DROPPED", flag + " was dropped: the runtime JVM refuses or ignores it",
        where, null);
  }
}
