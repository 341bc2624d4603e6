package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * nats-server through its WebSocket listener, speaking the NATS text protocol: subjects
 * customer_id.C.call.ID, prefixes with {@code >}. NATS has no subscribe acknowledgement, so a SUB
 * is followed by a PING: the PONG comes back once the server has processed the SUB before it.
 */
final class NatsTarget extends PeerTarget {
  private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,"
      + "\"lang\":\"java\",\"version\":\"herald-loadtest\",\"protocol\":1,\"headers\":false}\r\n";

  NatsTarget(Endpoints endpoints, int payloadBytes) {
    super(endpoints, payloadBytes);
  }

  @Override
  public String name() {
    return "nats";
  }

  static String spell(LogicalTopic topic) {
    return topic.spell(".", ">");
  }

  @Override
  Future<Connection> open(Endpoints.HostPort node, WebSocketClient client, int index,
      Inbox inbox) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(node.host())
        .setPort(node.port()).setURI("/");
    return client.connect(options).compose(socket -> {
      NatsConnection connection = new NatsConnection(socket, inbox, payloadBytes);
      return connection.handshake().map(connection);
    });
  }

  private static final class NatsConnection extends SocketConnection {
    private final Inbox inbox;
    private final Map<LogicalTopic, Integer> sids = new HashMap<>();
    private int nextSid;

    NatsConnection(WebSocket socket, Inbox inbox, int payloadBytes) {
      super(socket, inbox, payloadBytes);
      this.inbox = inbox;
    }

    Future<Void> handshake() {
      Future<Void> pong = acks.expect();
      socket.writeBinaryMessage(Buffer.buffer(CONNECT + "PING\r\n"));
      return pong;
    }

    /** One protocol line (and a MSG's payload); 0 when the bytes for it have not all arrived. */
    @Override
    int parse(Buffer buffer, int from, int to) {
      int lineEnd = indexOfCrLf(buffer, from, to);
      if (lineEnd < 0) {
        return 0;
      }
      byte first = buffer.getByte(from);
      if (first == 'M') { // MSG <subject> <sid> [reply-to] <#bytes>
        int size = lastNumber(buffer, from, lineEnd);
        int payloadStart = lineEnd + 2;
        if (payloadStart + size + 2 > to) {
          return 0;
        }
        inbox.deliver(buffer, payloadStart, payloadStart + size);
        return payloadStart + size + 2 - from;
      }
      if (first == 'P' && buffer.getByte(from + 1) == 'I') {
        socket.writeBinaryMessage(Buffer.buffer("PONG\r\n"));
      } else if (first == 'P') {
        acks.acknowledged();
      } else if (first == '-') {
        acks.refused(buffer.getString(from, lineEnd, StandardCharsets.UTF_8.name()));
      }
      return lineEnd + 2 - from;
    }

    @Override
    public Future<Void> subscribe(LogicalTopic topic) {
      int sid = ++nextSid;
      sids.put(topic, sid);
      Future<Void> pong = acks.expect();
      socket.writeBinaryMessage(Buffer.buffer("SUB " + spell(topic) + " " + sid + "\r\nPING\r\n"));
      return pong;
    }

    @Override
    public Future<Void> unsubscribe(LogicalTopic topic) {
      Integer sid = sids.remove(topic);
      if (sid == null) {
        return Future.failedFuture("not subscribed: " + topic);
      }
      Future<Void> pong = acks.expect();
      socket.writeBinaryMessage(Buffer.buffer("UNSUB " + sid + "\r\nPING\r\n"));
      return pong;
    }

    @Override
    public Future<Void> publish(List<OutgoingEvent> events) {
      Buffer frame = Buffer.buffer(events.size() * (payloadBytes + 80));
      for (OutgoingEvent event : events) {
        String subject = spell(event.topic());
        byte[] payload = payload(event);
        frame.appendString("PUB " + subject + " " + payload.length + "\r\n").appendBytes(payload)
            .appendString("\r\n");
      }
      return socket.writeBinaryMessage(frame);
    }
  }

  private static int indexOfCrLf(Buffer buffer, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int lastNumber(Buffer buffer, int from, int lineEnd) {
    int start = lineEnd;
    while (start > from && buffer.getByte(start - 1) != ' ') {
      start--;
    }
    int value = 0;
    for (int i = start; i < lineEnd; i++) {
      value = value * 10 + (buffer.getByte(i) - '0');
    }
    return value;
  }
}
