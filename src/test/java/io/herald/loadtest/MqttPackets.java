package io.herald.loadtest;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** The few MQTT 3.1.1 packets the load tool needs, QoS 0 only. */
final class MqttPackets {
  static final int CONNACK = 2;
  static final int PUBLISH = 3;
  static final int SUBACK = 9;
  static final int UNSUBACK = 11;

  private MqttPackets() {}

  /** Clean session, keep-alive 0 (off): an idle load-test connection must not be timed out. */
  static Buffer connect(String clientId) {
    Buffer body = Buffer.buffer();
    string(body, "MQTT");
    body.appendByte((byte) 4).appendByte((byte) 0x02).appendShort((short) 0);
    string(body, clientId);
    return packet(0x10, body);
  }

  static Buffer subscribe(int packetId, String filter) {
    Buffer body = Buffer.buffer().appendShort((short) packetId);
    string(body, filter);
    body.appendByte((byte) 0);
    return packet(0x82, body);
  }

  static Buffer unsubscribe(int packetId, String filter) {
    Buffer body = Buffer.buffer().appendShort((short) packetId);
    string(body, filter);
    return packet(0xA2, body);
  }

  static void appendPublish(Buffer out, String topic, byte[] payload) {
    Buffer body = Buffer.buffer(topic.length() + payload.length + 2);
    string(body, topic);
    body.appendBytes(payload);
    out.appendBuffer(packet(0x30, body));
  }

  private static Buffer packet(int header, Buffer body) {
    Buffer out = Buffer.buffer(body.length() + 5).appendByte((byte) header);
    int remaining = body.length();
    do {
      int digit = remaining % 128;
      remaining /= 128;
      out.appendByte((byte) (remaining > 0 ? digit | 0x80 : digit));
    } while (remaining > 0);
    return out.appendBuffer(body);
  }

  private static void string(Buffer out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.appendShort((short) bytes.length).appendBytes(bytes);
  }

  /** Handles one complete packet: its type and where its body lies. */
  interface Handler {
    void packet(int type, int flags, Buffer buffer, int bodyFrom, int bodyTo);
  }

  /** A {@link ByteStream.Parser} that finds packet boundaries by the remaining-length field. */
  static ByteStream.Parser parser(Handler handler) {
    return (buffer, from, to) -> {
      int at = from + 1;
      int remaining = 0;
      int multiplier = 1;
      while (true) {
        if (at >= to) {
          return 0;
        }
        byte digit = buffer.getByte(at++);
        remaining += (digit & 0x7f) * multiplier;
        multiplier *= 128;
        if ((digit & 0x80) == 0) {
          break;
        }
      }
      if (at + remaining > to) {
        return 0;
      }
      int header = buffer.getByte(from) & 0xff;
      handler.packet(header >> 4, header & 0x0f, buffer, at, at + remaining);
      return at + remaining - from;
    };
  }
}
