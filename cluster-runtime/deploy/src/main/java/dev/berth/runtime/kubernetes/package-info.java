/**
 * The Kubernetes deploy target: {@link dev.berth.runtime.kubernetes.KubernetesRenderer} turns an app spec into
 * fabric8 model objects, {@link dev.berth.runtime.kubernetes.KubernetesTarget} applies them with server-side
 * apply and follows the Deployment's rollout through {@link dev.berth.runtime.kubernetes.RolloutWatch}. The only
 * package that imports fabric8 (STYLE.md §2.7); depends on the api records, {@code .sizing} (with its pure
 * {@code ContainerEnvironment}, so both targets give a replica the same JVM environment) and {@code .deploy}.
 */
package dev.berth.runtime.kubernetes;
