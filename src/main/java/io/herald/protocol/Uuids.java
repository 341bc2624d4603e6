package io.herald.protocol;

import java.util.Locale;
import java.util.UUID;

/** Strict UUID text: exactly 8-4-4-4-12 ASCII hex digits, as the protocol requires everywhere. */
public final class Uuids {
  private static final UUID NIL = new UUID(0, 0);

  private Uuids() {}

  /**
   * The UUID written in {@code text}, or null when the text is not strict UUID form or is the nil
   * UUID. ({@link UUID#fromString} alone accepts "1-1-1-1-1".)
   */
  public static UUID parseNonNil(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
      if (dashPosition ? c != '-' : !isHexDigit(c)) {
        return null;
      }
    }
    UUID uuid = UUID.fromString(text.toLowerCase(Locale.ROOT));
    return uuid.equals(NIL) ? null : uuid;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
