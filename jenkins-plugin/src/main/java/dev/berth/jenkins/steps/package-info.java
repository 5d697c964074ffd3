/**
 * The {@code berth*} Pipeline steps: each a {@code Step} bean bound from DSL arguments, an execution, and a nested
 * {@code @Extension DescriptorImpl} naming the function. Resources (config.jelly, help) sit in a folder named after
 * each step class; user-facing sentences come from this package's {@code Messages.properties}. May depend on
 * {@code .workspace} and {@code .cluster}.
 */
package dev.berth.jenkins.steps;
