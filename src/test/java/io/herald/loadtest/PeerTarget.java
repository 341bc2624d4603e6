package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.nio.charset.StandardCharsets;

/**
 * A broker spoken to over WebSocket in its own byte-stream protocol (NATS, MQTT), where one kind
 * of connection both subscribes and publishes: a subscriber and a publisher differ only in the
 * node, the client that opens them and where their messages go.
 */
abstract class PeerTarget implements Target {
  /** One connection to the broker, usable as subscriber or publisher. */
  interface Connection extends Subscriber, Publisher {}

  /**
   * A connection's WebSocket carrying the broker's byte stream: what every broker connection
   * does alike (feeding the parser, ending on close, flow control), around its own protocol.
   */
  abstract static class SocketConnection implements Connection {
    protected final WebSocket socket;
    protected final int payloadBytes;
    protected final AckQueue acks = new AckQueue();

    SocketConnection(WebSocket socket, Inbox inbox, int payloadBytes) {
      this.socket = socket;
      this.payloadBytes = payloadBytes;
      ByteStream stream = new ByteStream(this::parse);
      socket.handler(stream::feed);
      socket.closeHandler(v -> {
        acks.closed();
        inbox.disconnected();
      });
    }

    /** One message of the broker's protocol: the bytes it took, 0 until all of them arrived. */
    abstract int parse(Buffer buffer, int from, int to);

    /** The load tool's payload for {@code event}, as Herald would carry it. */
    protected byte[] payload(OutgoingEvent event) {
      return Payloads.event(HeraldTarget.spell(event.topic()), event.seq(), event.sentNanos(),
          payloadBytes).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean busy() {
      return socket.writeQueueFull();
    }

    @Override
    public Future<Void> close() {
      return socket.close();
    }
  }

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
