package dev.berth.imagebuilder.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LddOutputTest {

  // ldd over several files, as JlinkRuntime runs it (captured on Debian 12 with OpenJDK 17).
  private static final String LDD =
      """
      /tmp/jre/bin/java:
      \tlinux-vdso.so.1 (0x00007ffc8a5f2000)
      \tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f0e8a6a3000)
      \tlibjli.so => /tmp/jre/bin/../lib/libjli.so (0x00007f0e8a692000)
      \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e8a4b1000)
      \t/lib64/ld-linux-x86-64.so.2 (0x00007f0e8a6cb000)
      /tmp/jre/lib/libnet.so:
      \tlibjvm.so => not found
      \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f6a2b1e1000)
      /tmp/jre/lib/server/libjvm.so:
      \tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f992d000000)
      \tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f992e7bd000)
      /tmp/jre/lib/jexec:
      \tnot a dynamic executable
      """;

  @Test
  void libraries_resolvedOnesAndTheLoader_withoutVdsoOrNotFound() {
    Map<String, String> libs = LddOutput.libraries(LDD);
    assertThat(libs)
        .containsEntry("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1")
        .containsEntry("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6")
        .containsEntry("libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6")
        .containsEntry("/lib64/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2")
        .doesNotContainKeys("linux-vdso.so.1", "libjvm.so");
  }

  @Test
  void libraries_ofTheJresOwnLibs_areKeptSoTheCallerCanSeeThem() {
    // libjli resolves into the JRE itself; the caller copies it too, harmlessly, as it is the same file.
    assertThat(LddOutput.libraries(LDD)).containsKey("libjli.so");
  }

  @Test
  void libraries_ofNothing_isEmpty() {
    assertThat(LddOutput.libraries("\tstatically linked\n")).isEmpty();
  }
}
