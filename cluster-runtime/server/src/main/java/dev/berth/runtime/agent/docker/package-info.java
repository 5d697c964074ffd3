/**
 * The node agent's Docker engine access: the only package of this module that imports docker-java. Its public
 * signatures use JDK types and Berth records only.
 */
package dev.berth.runtime.agent.docker;
