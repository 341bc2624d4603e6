package io.herald.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One encoded server-to-client text frame: UTF-8 JSON, built once and written unchanged to every
 * socket that should get it. Treat the bytes as read-only; the class never hands out a copy
 * because the whole point is sharing them.
 */
public final class TextFrame {
  private final byte[] utf8;

  TextFrame(byte[] utf8) {
    this.utf8 = utf8;
  }

  /**
   * A frame from bytes encoded elsewhere (another node's encoder), taken as they are, without a
   * copy. The caller vouches that they are one server frame in UTF-8 JSON.
   */
  public static TextFrame ofEncoded(byte[] utf8) {
    return new TextFrame(utf8);
  }

  /** The encoded bytes; shared, never to be modified. */
  public byte[] utf8() {
    return utf8;
  }

  public int length() {
    return utf8.length;
  }

  /**
   * This frame (a JSON object) with the event's place in its customer stream as two last fields,
   * {@code ,"offset":N,"epoch":"E"}, appended to the encoded bytes rather than encoding the event
   * again. The epoch is a name Herald makes (a UUID), checked to need no JSON escaping.
   */
  public TextFrame withPosition(long offset, String epoch) {
    if (offset < 0 || !epoch.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("offset " + offset + ", epoch " + epoch);
    }
    if (utf8.length < 2 || utf8[utf8.length - 1] != '}') {
      throw new IllegalStateException("not a JSON object frame");
    }
    byte[] tail = (",\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] stamped = java.util.Arrays.copyOf(utf8, utf8.length - 1 + tail.length);
    System.arraycopy(tail, 0, stamped, utf8.length - 1, tail.length);
    return new TextFrame(stamped);
  }

  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
