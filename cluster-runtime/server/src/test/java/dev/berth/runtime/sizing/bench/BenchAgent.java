package dev.berth.runtime.sizing.bench;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.security.ProtectionDomain;

/** Workload W6's javaagent: sees every class load (changing none) and holds 16 MiB of direct memory. */
public final class BenchAgent {

  static ByteBuffer held;

  private BenchAgent() {}

  /** Agent entry point. */
  public static void premain(String args, Instrumentation inst) {
    held = ByteBuffer.allocateDirect(16 << 20);
    for (int p = 0; p < held.capacity(); p += 4096) {
      held.put(p, (byte) 1);
    }
    inst.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
          byte[] bytes) {
        // Copy every class file, as instrumenting agents do, then leave the class unchanged.
        byte[] copy = bytes.clone();
        return copy.length < 0 ? copy : null;
      }
    });
  }
}
