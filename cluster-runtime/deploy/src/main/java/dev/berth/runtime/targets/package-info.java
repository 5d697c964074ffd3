/**
 * Which deploy target a name stands for, and how it connects: {@link dev.berth.runtime.targets.DeployTargets},
 * shared by {@code berth apply} and the Jenkins deploy step so both accept the same names and fail alike.
 */
package dev.berth.runtime.targets;
