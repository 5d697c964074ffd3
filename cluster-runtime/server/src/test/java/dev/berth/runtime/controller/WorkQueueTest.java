package dev.berth.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  @Test
  void add_sameKeyTwiceWhileWaiting_queuedOnce() throws Exception {
    try (WorkQueue<String> q = new WorkQueue<>("t")) {
      q.add("a");
      q.add("b");
      q.add("a");

      assertThat(q.size()).isEqualTo(2);
      assertThat(q.take()).isEqualTo("a");
      assertThat(q.take()).isEqualTo("b");
    }
  }

  @Test
  void add_whileProcessing_requeuedAfterDone_notHandedOutTwice() throws Exception {
    try (WorkQueue<String> q = new WorkQueue<>("t")) {
      q.add("a");
      String key = q.take();
      q.add("a");
      assertThat(q.size()).isZero();

      q.done(key);

      assertThat(q.size()).isEqualTo(1);
    }
  }

  @Test
  void addAfter_queuesLater() throws Exception {
    try (WorkQueue<String> q = new WorkQueue<>("t")) {
      long start = System.nanoTime();
      q.addAfter("a", Duration.ofMillis(150));
      assertThat(q.take()).isEqualTo("a");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(140);
    }
  }

  @Test
  void runner_retriesFailuresWithBackoff_andReportsThem() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Exception> errors = new CopyOnWriteArrayList<>();
    CountDownLatch third = new CountDownLatch(1);
    WorkQueue<String> q = new WorkQueue<>("t");
    try (ControllerRunner<String> runner =
        new ControllerRunner<>(
                "t", q,
                key -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new IllegalStateException("boom " + calls.get());
                  }
                  third.countDown();
                  return null;
                },
                (key, e) -> errors.add(e))
            .start(1)) {
      q.add("a");
      assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(errors).hasSize(2);
  }

  @Test
  void runner_terminalFailure_notRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch reported = new CountDownLatch(1);
    WorkQueue<String> q = new WorkQueue<>("t");
    try (ControllerRunner<String> runner =
        new ControllerRunner<>(
                "t", q,
                key -> {
                  calls.incrementAndGet();
                  throw new TerminalException("bad spec");
                },
                (key, e) -> reported.countDown())
            .start(1)) {
      q.add("a");
      assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(300);
    }
    assertThat(calls.get()).isEqualTo(1);
  }
}
