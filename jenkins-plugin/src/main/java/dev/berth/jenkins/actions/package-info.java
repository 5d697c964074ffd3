/**
 * What Berth shows in Jenkins: the build-page action that records what a build detected and deployed (persisted in
 * {@code build.xml}), the root dashboard of the master's apps, and the JSON both serve. Views sit in resource folders
 * named after each action class; their script is the static {@code js/dashboard.js} (no inline scripts, for CSP).
 * May depend on {@code .cluster}.
 */
package dev.berth.jenkins.actions;
