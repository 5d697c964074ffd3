/**
 * Where an app spec is deployed: the {@link dev.berth.runtime.deploy.DeployTarget} interface, its request and
 * outcome records, the bundled-runtime implementation over the master's HTTP API, and
 * {@link dev.berth.runtime.deploy.AppSpecDraft}, the first spec drafted from detected facts. Kubernetes lives in
 * {@code dev.berth.runtime.kubernetes}. Depends on the api records, the api client and (for the draft's memory)
 * {@code dev.berth.runtime.sizing}.
 */
package dev.berth.runtime.deploy;
