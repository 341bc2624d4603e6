package io.herald.loadtest;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What subscribers received, counted from the client side: every delivery, the deliveries of
 * events sent inside the measurement window (with their latency), deliveries out of order or
 * twice, and connections the server dropped. Written by the client event loops, read by the driver.
 */
final class Deliveries {
  private static final long MAX_LATENCY_MICROS = 600_000_000L;

  private final int publishers;
  private final LongAdder all = new LongAdder();
  private final LongAdder measured = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder unreadable = new LongAdder();
  private final LongAdder disconnects = new LongAdder();
  private final Recorder latency = new Recorder(MAX_LATENCY_MICROS, 3);
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private volatile long lastDelivery;

  Deliveries(int publishers) {
    this.publishers = publishers;
  }

  /** A fresh inbox for one subscriber connection: it checks that connection's order. */
  Target.Inbox inbox() {
    long[] lastSeen = new long[publishers];
    Arrays.fill(lastSeen, -1);
    return new Target.Inbox() {
      @Override
      public void deliver(Buffer buffer, int from, int to) {
        long now = System.nanoTime();
        long seq = Payloads.seq(buffer, from, to);
        long sent = Payloads.sentNanos(buffer, from, to);
        all.increment();
        lastDelivery = now;
        if (seq < 0 || sent < 0) {
          unreadable.increment();
          return;
        }
        int publisher = (int) (seq % publishers);
        long n = seq / publishers;
        if (n <= lastSeen[publisher]) {
          outOfOrder.increment();
        } else {
          lastSeen[publisher] = n;
        }
        if (sent >= windowStart && sent < windowEnd) {
          measured.increment();
          latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - sent) / 1000)));
        }
      }

      @Override
      public void disconnected() {
        disconnects.increment();
      }
    };
  }

  void openWindow(long nanos) {
    latency.reset();
    windowEnd = Long.MAX_VALUE;
    windowStart = nanos;
  }

  void closeWindow(long nanos) {
    windowEnd = nanos;
  }

  boolean inWindow(long sentNanos) {
    return sentNanos >= windowStart && sentNanos < windowEnd;
  }

  long all() {
    return all.sum();
  }

  long measured() {
    return measured.sum();
  }

  long outOfOrder() {
    return outOfOrder.sum();
  }

  long unreadable() {
    return unreadable.sum();
  }

  long disconnects() {
    return disconnects.sum();
  }

  long lastDelivery() {
    return lastDelivery;
  }

  /** Latency in microseconds of the measured deliveries so far (resets the recorder). */
  Histogram latencyMicros() {
    return latency.getIntervalHistogram();
  }
}
