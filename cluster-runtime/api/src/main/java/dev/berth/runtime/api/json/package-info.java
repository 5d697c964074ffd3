/** {@link dev.berth.runtime.api.json.ApiJson}, the one Jackson configuration, and the API's error body. */
package dev.berth.runtime.api.json;
