package hudson;

/**
 * Shim of Jenkins' workspace path. The private field and constructor let plugin unit tests build one for a local
 * folder (by reflection); they are invisible to linkage, to shimcheck and to the javap list.
 */
public final class FilePath {
  private final String remote;

  private FilePath(String remote) {
    this.remote = remote;
  }

  public String getRemote() {
    return remote;
  }

  public FilePath child(String relOrAbsolute) {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
