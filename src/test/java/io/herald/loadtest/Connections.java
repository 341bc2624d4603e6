package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Opens many subscriber connections, each followed by its subscription, with at most
 * {@code concurrency} handshakes in flight, so 19,000 connections do not arrive as one burst of
 * SYNs. Failures are counted, not hidden.
 */
final class Connections {
  record Opened(List<Target.Subscriber> subscribers, int failed, String firstFailure) {}

  private Connections() {}

  static Future<Opened> open(Target target, int count, int concurrency,
      IntFunction<Target.Inbox> inboxOf, IntFunction<LogicalTopic> topicOf) {
    AtomicReferenceArray<Target.Subscriber> opened = new AtomicReferenceArray<>(count);
    AtomicInteger nextIndex = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    List<Future<Void>> chains = new ArrayList<>();
    for (int c = 0; c < Math.min(concurrency, count); c++) {
      Promise<Void> chain = Promise.promise();
      chains.add(chain.future());
      step(target, count, inboxOf, topicOf, opened, nextIndex, failed, firstFailure, chain);
    }
    return Future.join(chains).transform(done -> {
      List<Target.Subscriber> subscribers = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        if (opened.get(i) != null) {
          subscribers.add(opened.get(i));
        }
      }
      return Future.succeededFuture(new Opened(subscribers, failed.get(), firstFailure.get()));
    });
  }

  private static void step(Target target, int count, IntFunction<Target.Inbox> inboxOf,
      IntFunction<LogicalTopic> topicOf, AtomicReferenceArray<Target.Subscriber> opened,
      AtomicInteger nextIndex, AtomicInteger failed, AtomicReference<String> firstFailure,
      Promise<Void> chain) {
    int index = nextIndex.getAndIncrement();
    if (index >= count) {
      chain.complete();
      return;
    }
    target.connect(index, inboxOf.apply(index))
        .compose(subscriber -> subscriber.subscribe(topicOf.apply(index)).map(subscriber))
        .onComplete(result -> {
          if (result.succeeded()) {
            opened.set(index, result.result());
          } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, String.valueOf(result.cause().getMessage()));
          }
          // Through the event loop, not straight on: a failure can complete synchronously, and a
          // run of them would otherwise recurse until the stack overflows.
          io.vertx.core.Vertx.currentContext().runOnContext(v ->
              step(target, count, inboxOf, topicOf, opened, nextIndex, failed, firstFailure, chain));
        });
  }
}
