package hudson.model;

import hudson.ExtensionPoint;

/** Shim of an action served at Jenkins' root URL. */
public interface RootAction extends Action, ExtensionPoint {}
