package io.herald.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an event's place in its customer stream into its encoded frame: the frame (a JSON
 * object) gets {@code ,"offset":N,"epoch":"E"} as its last two fields, appended to the bytes
 * rather than encoding the event again.
 */
public final class PositionStamp {
  private PositionStamp() {}

  /** Epochs are names Herald makes (UUIDs); checked so that they need no JSON escaping. */
  public static boolean isValidEpoch(String epoch) {
    if (epoch == null || epoch.isEmpty() || epoch.length() > 64) {
      return false;
    }
    for (int i = 0; i < epoch.length(); i++) {
      char c = epoch.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-';
      if (!allowed) {
        return false; // checked on every stamp: a regex here showed in the profile
      }
    }
    return true;
  }

  public static byte[] onto(byte[] frame, long offset, String epoch) {
    if (offset < 0 || !isValidEpoch(epoch)) {
      throw new IllegalArgumentException("offset " + offset + ", epoch " + epoch);
    }
    if (frame.length < 2 || frame[frame.length - 1] != '}') {
      throw new IllegalStateException("not a JSON object frame");
    }
    byte[] tail = (",\"offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] stamped = Arrays.copyOf(frame, frame.length - 1 + tail.length);
    System.arraycopy(tail, 0, stamped, frame.length - 1, tail.length);
    return stamped;
  }
}
