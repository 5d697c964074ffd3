package hudson.security;

import org.springframework.security.access.AccessDeniedException;

/** Shim of an object guarded by permissions. */
public interface AccessControlled {
  default void checkPermission(Permission permission) throws AccessDeniedException {
    throw new UnsupportedOperationException("Jenkins API shim");
  }
}
