package dev.berth.runtime.sizing.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The benchmark's workloads (JVM-SIZING.md §5.2), one per mode, run inside the container under test:
 * {@code heap fill=F} (live set at F × the JVM's max heap), {@code threads n=T depth=D}, {@code direct mib=N}
 * ({@code -1}: until refused), {@code netty mib=N}, {@code classes n=K}, {@code code n=K}, {@code zlib threads=T
 * seconds=S} and {@code mixed classes=K threads=T direct=N live=F}. At the end it prints one line
 * {@code bench-result cgroupPeak=… heapMax=… classes=…}.
 */
public final class BenchWorkload {

  private static final List<Object> HELD = new ArrayList<>();

  private BenchWorkload() {}

  public static void main(String[] args) throws Throwable {
    Map<String, String> a = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      a.put(kv[0], kv[1]);
    }
    switch (args[0]) {
      case "heap" -> heap(Double.parseDouble(a.get("fill")));
      case "threads" -> threads(Integer.parseInt(a.get("n")), Integer.parseInt(a.getOrDefault("depth", "500")));
      case "direct" -> direct(Integer.parseInt(a.get("mib")));
      case "netty" -> netty(Integer.parseInt(a.get("mib")));
      case "classes" -> classes(Integer.parseInt(a.get("n")));
      case "code" -> code(Integer.parseInt(a.get("n")));
      case "zlib" -> zlib(Integer.parseInt(a.get("threads")), Integer.parseInt(a.get("seconds")));
      case "mixed" -> {
        classes(Integer.parseInt(a.get("classes")));
        direct(Integer.parseInt(a.get("direct")));
        CountDownLatch release = startThreads(Integer.parseInt(a.get("threads")), 100);
        heap(Double.parseDouble(a.get("live")));
        release.countDown();
      }
      default -> throw new IllegalArgumentException("unknown workload " + args[0]);
    }
    report();
  }

  /** A live set of byte[64K] at {@code fill} × max heap, churned with 200 000 short-lived objects. */
  static void heap(double fill) {
    long target = (long) (Runtime.getRuntime().maxMemory() * fill);
    List<byte[]> live = new ArrayList<>();
    Random random = new Random(1);
    for (long held = 0; held < target; held += 65536) {
      byte[] b = new byte[65536];
      b[random.nextInt(65536)] = 1;
      live.add(b);
    }
    long sink = 0;
    for (int i = 0; i < 200_000; i++) {
      Object[] garbage = new Object[8];
      sink += garbage.length;
      if (i % 1000 == 0 && !live.isEmpty()) {
        live.set(random.nextInt(live.size()), new byte[65536]);
      }
    }
    HELD.add(live);
    HELD.add(sink);
  }

  static void threads(int n, int depth) throws InterruptedException {
    CountDownLatch release = startThreads(n, depth);
    Thread.sleep(1000);
    release.countDown();
  }

  static CountDownLatch startThreads(int n, int depth) throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch parked = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> recurse(depth, parked, release), "bench-" + i);
      t.setDaemon(true);
      t.start();
    }
    parked.await();
    return release;
  }

  private static void recurse(int depth, CountDownLatch parked, CountDownLatch release) {
    if (depth > 0) {
      long[] frame = new long[4];
      frame[0] = depth;
      recurse(depth - 1, parked, release);
      HELD.size();
      return;
    }
    parked.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** 1 MiB direct buffers with every page touched; {@code mib < 0} allocates until refused. */
  static void direct(int mib) {
    for (int i = 0; mib < 0 || i < mib; i++) {
      ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
      for (int p = 0; p < b.capacity(); p += 4096) {
        b.put(p, (byte) 1);
      }
      HELD.add(b);
    }
  }

  /** Netty's pooled direct allocator, 1 MiB buffers filled; {@code mib < 0} until refused. */
  static void netty(int mib) {
    PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);
    byte[] page = new byte[4096];
    for (int i = 0; mib < 0 || i < mib; i++) {
      ByteBuf b = alloc.directBuffer(1 << 20, 1 << 20);
      while (b.isWritable()) {
        b.writeBytes(page);
      }
      HELD.add(b);
    }
  }

  static List<MethodHandle> classes(int n) throws ReflectiveOperationException {
    GeneratedClasses loader = new GeneratedClasses();
    HELD.add(loader);
    List<MethodHandle> handles = loader.define("gen.C", n);
    HELD.add(handles);
    return handles;
  }

  /** {@code n} generated classes whose methods each run past the JIT thresholds. */
  static void code(int n) throws Throwable {
    List<MethodHandle> handles = classes(n);
    long sink = 0;
    for (MethodHandle h : handles) {
      for (int i = 0; i < 12_000; i++) {
        sink += (int) h.invokeExact(i);
      }
    }
    HELD.add(sink);
  }

  static void zlib(int threads, int seconds) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        byte[] input = new byte[256 * 1024];
        new Random(7).nextBytes(input);
        for (int i = 0; i < input.length; i += 3) {
          input[i] = 0;
        }
        byte[] out = new byte[512 * 1024];
        while (System.nanoTime() < end) {
          Deflater d = new Deflater(6);
          d.setInput(input);
          d.finish();
          int len = d.deflate(out);
          d.end();
          Inflater inf = new Inflater();
          inf.setInput(out, 0, len);
          try {
            inf.inflate(new byte[input.length]);
          } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException(e);
          }
          inf.end();
        }
      });
      thread.start();
      all.add(thread);
    }
    for (Thread t : all) {
      t.join();
    }
  }

  private static void report() {
    long code = 0;
    long meta = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long peak = pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed();
      if (pool.getName().startsWith("CodeHeap") || pool.getName().replace(" ", "").equals("CodeCache")) {
        code += peak;
      } else if (pool.getName().equals("Metaspace")) {
        meta = peak;
      }
    }
    System.out.println("bench-result cgroupPeak=" + cgroupPeak() + " heapMax=" + Runtime.getRuntime().maxMemory()
        + " classes=" + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()
        + " threads=" + ManagementFactory.getThreadMXBean().getPeakThreadCount()
        + " codeCache=" + code + " metaspace=" + meta
        + " gc=" + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().replace(' ', '_'));
  }

  private static long cgroupPeak() {
    for (String f : new String[] {"/sys/fs/cgroup/memory/memory.max_usage_in_bytes", "/sys/fs/cgroup/memory.peak"}) {
      try {
        return Long.parseLong(Files.readString(Path.of(f)).trim());
      } catch (Exception e) {
        // next layout
      }
    }
    return 0;
  }
}
