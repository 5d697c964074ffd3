package dev.berth.runtime.api.status;

/**
 * What an apply did.
 *
 * @param app {@code namespace/name}
 * @param revision the app's revision after the apply
 * @param outcome {@code created}, {@code configured} (new revision), {@code scaled} or {@code unchanged}
 */
public record ApplyResult(String app, long revision, String outcome) {}
