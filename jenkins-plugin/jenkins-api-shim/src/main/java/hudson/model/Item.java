package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Shim of a Jenkins item (job, folder); only its read permission is used. */
public interface Item extends AccessControlled {
  Permission READ = null;
}
