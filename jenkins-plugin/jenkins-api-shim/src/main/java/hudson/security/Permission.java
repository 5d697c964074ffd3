package hudson.security;

/** Shim of a Jenkins permission. */
public final class Permission {
  private Permission() {}
}
