package dev.berth.runtime.probe;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The measure-mode agent: every 500 ms it samples loaded classes, threads, the direct and mapped buffer pools, the
 * code cache, metaspace and heap; at JVM exit it prints one line {@code berth-measure key=value ...} with the
 * peaks and the container's cgroup peak to stderr. It changes no bytecode.
 */
public final class MeasureProbe implements Runnable {

  /** The line prefix {@code MeasuredFacts} looks for. */
  public static final String PREFIX = "berth-measure";

  private volatile long classes;
  private volatile long direct;
  private volatile long mapped;

  private MeasureProbe() {}

  /** Agent entry point. */
  public static void premain(String args) {
    MeasureProbe probe = new MeasureProbe();
    Thread sampler = new Thread(probe, "berth-measure");
    sampler.setDaemon(true);
    sampler.start();
    Runtime.getRuntime().addShutdownHook(new Thread(probe::report, "berth-measure-report"));
  }

  @Override
  public void run() {
    while (true) {
      sample();
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    classes = Math.max(classes, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        direct = Math.max(direct, pool.getMemoryUsed());
      } else if (pool.getName().equals("mapped")) {
        mapped = Math.max(mapped, pool.getMemoryUsed());
      }
    }
  }

  private void report() {
    sample();
    long code = 0;
    long metaspace = 0;
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long peak = pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed();
      if (pool.getName().startsWith("CodeHeap") || pool.getName().replace(" ", "").equals("CodeCache")) {
        code += peak;
      } else if (pool.getName().equals("Metaspace")) {
        metaspace = peak;
      } else if (pool.getType() == MemoryType.HEAP) {
        heap += peak;
      }
    }
    System.err.println(String.format(Locale.ROOT,
        "%s cgroupPeak=%d classes=%d threads=%d direct=%d mapped=%d codeCache=%d metaspace=%d heap=%d",
        PREFIX, cgroupPeak(), classes, ManagementFactory.getThreadMXBean().getPeakThreadCount(), direct, mapped,
        code, metaspace, heap));
  }

  private static long cgroupPeak() {
    for (String file : new String[] {"/sys/fs/cgroup/memory/memory.max_usage_in_bytes", "/sys/fs/cgroup/memory.peak"}) {
      Path path = Paths.get(file);
      try {
        if (Files.isReadable(path)) {
          return Long.parseLong(new String(Files.readAllBytes(path), "US-ASCII").trim());
        }
      } catch (Exception e) {
        // try the next cgroup layout
      }
    }
    return 0;
  }
}
