package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * One server under test, spoken to in its own protocol: Herald, NATS (its WebSocket listener) or
 * Mosquitto (MQTT 3.1.1 over WebSocket). Scenarios only see this interface, so every server runs
 * exactly the same load.
 */
interface Target {
  String name();

  /**
   * Opens subscriber connection number {@code index} (the target spreads them over its nodes and
   * source addresses). Every event delivered to it goes to {@code inbox}.
   */
  Future<Subscriber> connect(int index, Inbox inbox);

  /** A publishing connection; {@code index} picks the node in a cluster. */
  Future<Publisher> publisher(int index);

  /** Receives the bytes of one delivered event: the document lies in {@code [from, to)}. */
  interface Inbox {
    void deliver(Buffer buffer, int from, int to);

    /** The server closed the connection (a slow-consumer cut, a crash): reported, never hidden. */
    void disconnected();
  }

  interface Subscriber {
    /** Completes once the server has acknowledged (or provably registered) the subscription. */
    Future<Void> subscribe(LogicalTopic topic);

    Future<Void> unsubscribe(LogicalTopic topic);

    Future<Void> close();
  }

  interface Publisher {
    /** Sends the events in order; completes when the server took them (or they were written). */
    Future<Void> publish(List<OutgoingEvent> events);

    /** Publisher connections are as many as the target wants in flight at once. */
    boolean busy();

    Future<Void> close();
  }

  record OutgoingEvent(LogicalTopic topic, long seq, long sentNanos) {}
}
