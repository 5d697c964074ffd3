/**
 * The runtime's domain records shared by master and agent: nodes, replica assignments and observations, and the
 * cluster snapshot the pure decision code reads. Depends on the JDK and the api records only.
 */
package dev.berth.runtime.model;
