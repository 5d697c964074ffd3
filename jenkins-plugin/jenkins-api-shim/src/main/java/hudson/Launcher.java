package hudson;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Shim of Jenkins' process launcher on an agent. */
public abstract class Launcher {
  private Launcher() {}

  public final ProcStarter launch() {
    throw new UnsupportedOperationException("Jenkins API shim");
  }

  /** Shim of the builder of one process launch (an inner, non-static class, as in Jenkins). */
  public final class ProcStarter {
    private ProcStarter() {}

    public ProcStarter cmds(List<String> args) {
      throw new UnsupportedOperationException("Jenkins API shim");
    }

    public ProcStarter pwd(FilePath workDir) {
      throw new UnsupportedOperationException("Jenkins API shim");
    }

    public ProcStarter envs(Map<String, String> overrides) {
      throw new UnsupportedOperationException("Jenkins API shim");
    }

    public ProcStarter quiet(boolean quiet) {
      throw new UnsupportedOperationException("Jenkins API shim");
    }

    public ProcStarter stdout(OutputStream out) {
      throw new UnsupportedOperationException("Jenkins API shim");
    }

    public ProcStarter stderr(OutputStream err) {
      throw new UnsupportedOperationException("Jenkins API shim");
    }

    public int join() throws IOException, InterruptedException {
      throw new UnsupportedOperationException("Jenkins API shim");
    }
  }
}
