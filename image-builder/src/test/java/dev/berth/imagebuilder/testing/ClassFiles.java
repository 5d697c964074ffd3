package dev.berth.imagebuilder.testing;

/** Class-file header edits for the corpus: majors javac of the build JDK cannot emit (65, 69, or 51 later on). */
public final class ClassFiles {

  private ClassFiles() {}

  /** A copy of {@code classFile} whose header says class-file major {@code major}. */
  public static byte[] withMajor(byte[] classFile, int major) {
    if (classFile.length < 8 || (classFile[0] & 0xff) != 0xCA || (classFile[1] & 0xff) != 0xFE) {
      throw new IllegalArgumentException("not a class file: it does not start with 0xCAFEBABE");
    }
    byte[] copy = classFile.clone();
    copy[6] = (byte) (major >>> 8);
    copy[7] = (byte) major;
    return copy;
  }

  /** The class-file major of {@code classFile}. */
  public static int major(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }
}
