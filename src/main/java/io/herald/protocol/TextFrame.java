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

  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
