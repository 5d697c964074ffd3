/** {@link dev.berth.runtime.api.client.BerthClient}, the master's HTTP API client; JDK and Jackson only. */
package dev.berth.runtime.api.client;
