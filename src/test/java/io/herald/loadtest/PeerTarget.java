package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;

/**
 * A broker spoken to over WebSocket in its own byte-stream protocol (NATS, MQTT), where one kind
 * of connection both subscribes and publishes: a subscriber and a publisher differ only in the
 * node, the client that opens them and where their messages go.
 */
abstract class PeerTarget implements Target {
  /** One connection to the broker, usable as subscriber or publisher. */
  interface Connection extends Subscriber, Publisher {}

  /** A publisher subscribes to nothing, so it gets nothing worth counting. */
  private static final Inbox DISCARD = new Inbox() {
    @Override
    public void deliver(Buffer buffer, int from, int to) {}

    @Override
    public void disconnected() {}
  };

  protected final Endpoints endpoints;
  protected final int payloadBytes;

  PeerTarget(Endpoints endpoints, int payloadBytes) {
    this.endpoints = endpoints;
    this.payloadBytes = payloadBytes;
  }

  /** Opens and handshakes connection number {@code index} to {@code node}. */
  abstract Future<Connection> open(Endpoints.HostPort node, WebSocketClient client, int index,
      Inbox inbox);

  @Override
  public final Future<Subscriber> connect(int index, Inbox inbox) {
    return open(endpoints.subscriberNode(index), endpoints.client(index), index, inbox)
        .map(connection -> connection);
  }

  @Override
  public final Future<Publisher> publisher(int index) {
    return open(endpoints.publisherNode(index), endpoints.publisherClient(), index, DISCARD)
        .map(connection -> connection);
  }
}
