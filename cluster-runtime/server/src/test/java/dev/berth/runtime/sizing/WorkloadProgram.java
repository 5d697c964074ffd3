package dev.berth.runtime.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A small Java program for sizing engine tests, compiled at test time into a folder that is bind-mounted at
 * {@code /app}: {@code Workload flags} prints the heap and direct caps the JVM runs with; {@code Workload direct N}
 * fills N MiB of direct buffers, 1 MiB at a time, touching every page.
 */
final class WorkloadProgram {

  static final String SOURCE = """
      import com.sun.management.HotSpotDiagnosticMXBean;
      import java.lang.management.ManagementFactory;
      import java.nio.ByteBuffer;
      import java.util.ArrayList;
      import java.util.List;

      public class Workload {
        public static void main(String[] args) throws Exception {
          HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
          if (args[0].equals("flags")) {
            System.out.println("MaxHeapSize=" + vm.getVMOption("MaxHeapSize").getValue());
            System.out.println("MaxDirectMemorySize=" + vm.getVMOption("MaxDirectMemorySize").getValue());
            return;
          }
          int mib = Integer.parseInt(args[1]);
          List<ByteBuffer> held = new ArrayList<>();
          for (int i = 0; i < mib; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            for (int p = 0; p < b.capacity(); p += 4096) {
              b.put(p, (byte) 1);
            }
            held.add(b);
            if (i % 32 == 0) {
              System.out.println("direct " + i + " MiB");
            }
          }
          System.out.println("filled " + held.size() + " MiB");
        }
      }
      """;

  private WorkloadProgram() {}

  /** Compiles the program into {@code dir} (release 17) and returns the folder. */
  static Path compile(Path dir) throws IOException {
    Path source = Files.writeString(dir.resolve("Workload.java"), SOURCE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code = javac.run(null, null, null, "--release", "17", "-d", dir.toString(), source.toString());
    assertThat(code).as("javac of the workload").isZero();
    // Readable by any user the image runs as.
    for (Path p : List.of(dir, dir.resolve("Workload.class"))) {
      p.toFile().setReadable(true, false);
      p.toFile().setExecutable(true, false);
    }
    return dir;
  }
}
