package dev.berth.runtime.wire;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Berth's request/response over Kryonet (instead of its RMI): each call gets a correlation id and a future; the
 * matching {@link ResponseMessage} completes it, {@link #sweep} fails the overdue ones, and {@link #failAll} fails
 * everything when the peer disconnects.
 */
public final class PendingRequests {

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(CompletableFuture<Object> future, long deadlineNanos) {}

  /** A new request for {@code body}, registered as pending until {@code timeoutMillis} from now. */
  public RequestMessage open(Object body, long timeoutMillis, CompletableFuture<Object> future) {
    long id = ids.incrementAndGet();
    pending.put(id, new Pending(future, System.nanoTime() + timeoutMillis * 1_000_000L));
    return new RequestMessage(id, timeoutMillis, body);
  }

  /**
   * Completes the matching call: OK completes with the body, anything else fails with the exception
   * {@code failure} builds from the status and the body's text. Unknown ids (late answers) are ignored.
   */
  public void complete(ResponseMessage response, Function<ResponseMessage, RuntimeException> failure) {
    Pending p = pending.remove(response.id());
    if (p == null) {
      return;
    }
    if (ResponseMessage.OK.equals(response.status())) {
      p.future().complete(response.body());
    } else {
      p.future().completeExceptionally(failure.apply(response));
    }
  }

  /** Fails the calls whose deadline has passed. */
  public void sweep(Function<Long, RuntimeException> timeout) {
    long now = System.nanoTime();
    pending.entrySet().removeIf(e -> {
      if (now - e.getValue().deadlineNanos() > 0) {
        e.getValue().future().completeExceptionally(timeout.apply(e.getKey()));
        return true;
      }
      return false;
    });
  }

  /** Fails every pending call, e.g. with {@code PEER_DISCONNECTED}. */
  public void failAll(RuntimeException why) {
    pending.values().forEach(p -> p.future().completeExceptionally(why));
    pending.clear();
  }

  /** How many calls wait for an answer. */
  public int size() {
    return pending.size();
  }
}
