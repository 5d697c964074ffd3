/**
 * The master's HTTP API (JDK {@code com.sun.net.httpserver}): apps, nodes, logs, events, behind a bearer token,
 * with JSON errors {@code {field, value, message, hint}}. Depends on {@code .store}, {@code .controller} (the
 * writes and the node gateway for logs), {@code .reconcile} (replica conditions) and the api records.
 */
package dev.berth.runtime.master.http;
