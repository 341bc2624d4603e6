package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;

/**
 * Acknowledgements a connection still waits for. Every target answers control requests in the
 * order it got them (Herald's subscribed frames, NATS's PONG after a PING, MQTT's SUBACK), so a
 * FIFO is enough. Touched only on the connection's event loop.
 */
final class AckQueue {
  private final ArrayDeque<Promise<Void>> pending = new ArrayDeque<>();

  Future<Void> expect() {
    Promise<Void> promise = Promise.promise();
    pending.add(promise);
    return promise.future();
  }

  void acknowledged() {
    Promise<Void> head = pending.poll();
    if (head != null) {
      head.tryComplete();
    }
  }

  void refused(String why) {
    Promise<Void> head = pending.poll();
    if (head != null) {
      head.tryFail(why);
    }
  }

  void closed() {
    Promise<Void> promise;
    while ((promise = pending.poll()) != null) {
      promise.tryFail("connection closed");
    }
  }
}
