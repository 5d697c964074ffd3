package dev.berth.imagebuilder.base;

/**
 * The account files every base carries: root, nobody and the app user (uid 10001, group 0, home /app) that
 * templates run as, so the JVM resolves {@code user.name} and {@code user.home} under {@code --user 10001:0}.
 */
final class Passwd {

  static final int APP_UID = 10001;
  static final int APP_GID = 0;
  static final String APP_USER = "app";
  static final String APP_HOME = "/app";

  /** The app user's line, also appended to Debian roots' own {@code /etc/passwd}. */
  static final String APP_ENTRY =
      APP_USER + ":x:" + APP_UID + ":" + APP_GID + ":Berth app:" + APP_HOME + ":/usr/sbin/nologin";

  private Passwd() {}

  /** {@code /etc/passwd} of a scratch root. */
  static String passwd() {
    return "root:x:0:0:root:/root:/sbin/nologin\n"
        + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
        + APP_ENTRY
        + "\n";
  }

  /** {@code /etc/group} of a scratch root; the app user's primary group is root's (OpenShift convention). */
  static String group() {
    return "root:x:0:\nnogroup:x:65534:\n";
  }

  /** {@code /etc/nsswitch.conf}: files for users, files then DNS for hosts. */
  static String nsswitch() {
    return "passwd: files\ngroup: files\nhosts: files dns\n";
  }
}
