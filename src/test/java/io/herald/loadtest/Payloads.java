package io.herald.loadtest;

import io.vertx.core.buffer.Buffer;

/**
 * The event every target carries: the same JSON document Herald delivers, so each server writes
 * the same number of bytes per delivery. The sequence number and the send time (System.nanoTime of
 * the load tool's JVM) come first in {@code data}, where a receiver finds them by a short byte scan
 * instead of parsing JSON at hundreds of thousands of messages a second.
 */
final class Payloads {
  private static final byte[] SEQ = "\"seq\":".getBytes();
  private static final byte[] SENT = "\"t\":".getBytes();

  private Payloads() {}

  /** The event document; {@code padTo} sizes it to about that many bytes. */
  static String event(String topic, long seq, long sentNanos, int padTo) {
    String head = "{\"type\":\"call_updated\",\"topic\":\"" + topic + "\",\"data\":{\"seq\":" + seq
        + ",\"t\":" + sentNanos + ",\"status\":\"progressing\",\"pad\":\"";
    String tail = "\"}}";
    int pad = Math.max(0, padTo - head.length() - tail.length());
    return head + "x".repeat(pad) + tail;
  }

  /** The sequence number inside {@code [from, to)}, or -1 when there is none. */
  static long seq(Buffer buffer, int from, int to) {
    return numberAfter(buffer, from, to, SEQ);
  }

  static long sentNanos(Buffer buffer, int from, int to) {
    return numberAfter(buffer, from, to, SENT);
  }

  private static long numberAfter(Buffer buffer, int from, int to, byte[] key) {
    int at = indexOf(buffer, from, to, key);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    int digits = 0;
    for (int i = at + key.length; i < to; i++) {
      byte b = buffer.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
      digits++;
    }
    return digits == 0 ? -1 : value;
  }

  private static int indexOf(Buffer buffer, int from, int to, byte[] key) {
    outer:
    for (int i = from; i <= to - key.length; i++) {
      for (int k = 0; k < key.length; k++) {
        if (buffer.getByte(i + k) != key[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
