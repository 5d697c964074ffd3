/** Berth's Jenkins plugin: Pipeline steps and deploy views (built out by the Jenkins plugin issue). */
package dev.berth.jenkins;
