/**
 * Where an app spec is deployed: the {@link dev.berth.runtime.deploy.DeployTarget} interface, its request and
 * outcome records, and the bundled-runtime implementation over the master's HTTP API. Kubernetes lives in
 * {@code dev.berth.runtime.kubernetes}. Depends on the api records and the api client only.
 */
package dev.berth.runtime.deploy;
