package dev.berth.imagebuilder.inspect;

/** An archive that cannot be read (corrupt, truncated, or holding unsafe entry names); names the file. */
public final class ArchiveException extends Exception {

  private final String path;

  public ArchiveException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  /** The archive, as the user named it. */
  public String path() {
    return path;
  }
}
