package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.UUID;

/**
 * Mosquitto (or any MQTT 3.1.1 broker) over WebSocket, QoS 0: topics customer_id/C/call/ID,
 * prefixes with {@code #}. SUBACK and UNSUBACK are the acknowledgements.
 */
final class MosquittoTarget extends PeerTarget {
  MosquittoTarget(Endpoints endpoints, int payloadBytes) {
    super(endpoints, payloadBytes);
  }

  @Override
  public String name() {
    return "mosquitto";
  }

  static String spell(LogicalTopic topic) {
    return topic.spell("/", "#");
  }

  @Override
  Future<Connection> open(Endpoints.HostPort node, WebSocketClient client, int index,
      Inbox inbox) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(node.host())
        .setPort(node.port()).setURI("/mqtt").addSubProtocol("mqtt");
    return client.connect(options).compose(socket -> {
      MqttConnection connection = new MqttConnection(socket, inbox, payloadBytes);
      return connection.handshake("lt-" + index + "-" + UUID.randomUUID()).map(connection);
    });
  }

  private static final class MqttConnection extends SocketConnection {
    private final ByteStream.Parser packets;
    private int packetIds;

    MqttConnection(WebSocket socket, Inbox inbox, int payloadBytes) {
      super(socket, inbox, payloadBytes);
      packets = MqttPackets.parser((type, flags, buffer, from, to) -> {
        switch (type) {
          case MqttPackets.PUBLISH -> {
            int topicLength = buffer.getUnsignedShort(from);
            int payloadFrom = from + 2 + topicLength + ((flags & 0x06) != 0 ? 2 : 0);
            inbox.deliver(buffer, payloadFrom, to);
          }
          case MqttPackets.CONNACK -> ack(buffer.getByte(from + 1) == 0, "CONNACK refused");
          case MqttPackets.SUBACK -> ack((buffer.getByte(to - 1) & 0x80) == 0, "SUBACK refused");
          case MqttPackets.UNSUBACK -> acks.acknowledged();
          default -> { }
        }
      });
    }

    @Override
    int parse(Buffer buffer, int from, int to) {
      return packets.parse(buffer, from, to);
    }

    private void ack(boolean ok, String otherwise) {
      if (ok) {
        acks.acknowledged();
      } else {
        acks.refused(otherwise);
      }
    }

    Future<Void> handshake(String clientId) {
      Future<Void> connack = acks.expect();
      socket.writeBinaryMessage(MqttPackets.connect(clientId));
      return connack;
    }

    private int nextPacketId() {
      packetIds = packetIds % 65535 + 1;
      return packetIds;
    }

    @Override
    public Future<Void> subscribe(LogicalTopic topic) {
      Future<Void> ack = acks.expect();
      socket.writeBinaryMessage(MqttPackets.subscribe(nextPacketId(), spell(topic)));
      return ack;
    }

    @Override
    public Future<Void> unsubscribe(LogicalTopic topic) {
      Future<Void> ack = acks.expect();
      socket.writeBinaryMessage(MqttPackets.unsubscribe(nextPacketId(), spell(topic)));
      return ack;
    }

    @Override
    public Future<Void> publish(List<OutgoingEvent> events) {
      Buffer frame = Buffer.buffer(events.size() * (payloadBytes + 80));
      for (OutgoingEvent event : events) {
        MqttPackets.appendPublish(frame, spell(event.topic()), payload(event));
      }
      return socket.writeBinaryMessage(frame);
    }
  }
}
