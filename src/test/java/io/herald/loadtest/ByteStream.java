package io.herald.loadtest;

import io.vertx.core.buffer.Buffer;

/**
 * Reassembles a byte-stream protocol (NATS, MQTT) carried in WebSocket frames, where one message
 * may span frames and one frame may hold many messages. Parses straight from the incoming frame
 * when nothing is left over, so the common case copies nothing.
 */
final class ByteStream {
  /** Parses one message at {@code from}; returns the bytes it used, or 0 when it needs more. */
  interface Parser {
    int parse(Buffer buffer, int from, int to);
  }

  private final Parser parser;
  private Buffer leftover;

  ByteStream(Parser parser) {
    this.parser = parser;
  }

  void feed(Buffer chunk) {
    Buffer buffer = chunk;
    if (leftover != null) {
      buffer = leftover.appendBuffer(chunk);
      leftover = null;
    }
    int at = 0;
    int end = buffer.length();
    while (at < end) {
      int used = parser.parse(buffer, at, end);
      if (used == 0) {
        break;
      }
      at += used;
    }
    if (at < end) {
      leftover = buffer.getBuffer(at, end);
    }
  }
}
