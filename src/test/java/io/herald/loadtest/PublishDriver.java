package io.herald.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Publishes events on one event loop: at an offered rate, or (rate 0) as fast as the server takes
 * them while at most {@code window} events are still on their way to the subscribers, so "max"
 * measures what the server delivers rather than how deep a queue grows. Publisher {@code p} numbers
 * its events {@code n * publishers + p}, which lets each subscriber check order per publisher.
 * Counts are cumulative over the phases of a run; events refused by the server are not expected.
 */
final class PublishDriver {
  private final Vertx vertx;
  private final Context context;
  private final List<Target.Publisher> publishers;
  private final LongFunction<LogicalTopic> topicOf;
  private final long deliveriesPerEvent;
  private final Deliveries deliveries;
  private final int batch;
  private final int window;
  private final long[] counters;
  private long issued;
  private long expected;
  private long measuredPublished;
  private long measuredExpected;
  private long refused;
  private int inFlight;
  private int next;
  private String firstRefusal;

  PublishDriver(Vertx vertx, List<Target.Publisher> publishers, LongFunction<LogicalTopic> topicOf,
      long deliveriesPerEvent, Deliveries deliveries, int batch, int window) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.publishers = publishers;
    this.topicOf = topicOf;
    this.deliveriesPerEvent = deliveriesPerEvent;
    this.deliveries = deliveries;
    this.batch = batch;
    this.window = window;
    this.counters = new long[publishers.size()];
  }

  /** Publishes for {@code seconds} at {@code rate} events/s (0: max) or until {@code limit} events. */
  Future<Void> run(double rate, double seconds, long limit) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long issuedBefore = issued;
      vertx.setPeriodic(1, timer -> {
        long now = System.nanoTime();
        long phaseIssued = issued - issuedBefore;
        if (now >= end || phaseIssued >= limit) {
          vertx.cancelTimer(timer);
          done.complete();
          return;
        }
        long due = rate > 0
            ? Math.min(limit, (long) ((now - start) / 1e9 * rate)) - phaseIssued
            : window - (expected - deliveries.all()) / deliveriesPerEvent;
        due = Math.min(due, limit - phaseIssued);
        for (int tried = 0; tried < publishers.size() && due > 0; tried++) {
          int p = next;
          next = (next + 1) % publishers.size();
          if (!publishers.get(p).busy()) {
            int count = (int) Math.min(due, batch);
            send(p, count, now);
            due -= count;
          }
        }
      });
    });
    return done.future();
  }

  private void send(int p, int count, long now) {
    List<Target.OutgoingEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long seq = counters[p]++ * publishers.size() + p;
      events.add(new Target.OutgoingEvent(topicOf.apply(seq), seq, now));
    }
    boolean measured = deliveries.inWindow(now);
    issued += count;
    expected += count * deliveriesPerEvent;
    if (measured) {
      measuredPublished += count;
      measuredExpected += count * deliveriesPerEvent;
    }
    inFlight++;
    publishers.get(p).publish(events).onComplete(settled -> inFlight--).onFailure(failure -> {
      refused += count;
      expected -= count * deliveriesPerEvent;
      if (measured) {
        measuredPublished -= count;
        measuredExpected -= count * deliveriesPerEvent;
      }
      if (firstRefusal == null) {
        firstRefusal = failure.getMessage();
      }
    });
  }

  /** Read on the driver's context through {@link #snapshot()}. */
  record Counts(long issued, long expected, long measuredPublished, long measuredExpected,
      long refused, int inFlight, String firstRefusal) {}

  Future<Counts> snapshot() {
    Promise<Counts> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(new Counts(issued, expected, measuredPublished,
        measuredExpected, refused, inFlight, firstRefusal)));
    return promise.future();
  }
}
