package io.herald.topic;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.Uuids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns client and publisher strings into canonical {@link Topic}s, or refuses them with
 * {@link ErrorReason#INVALID_TOPIC}. The grammar: segments separated by {@code :}, each non-empty
 * and made of {@code [A-Za-z0-9_.-]}; at most {@value #MAX_SEGMENTS} segments and
 * {@value #MAX_LENGTH} characters in the canonical form; the first two segments are the scope.
 */
public final class TopicParser {
  public static final int MAX_SEGMENTS = 8;
  public static final int MAX_LENGTH = 256;
  private static final String WILDCARD_SUFFIX = ":*";

  private TopicParser() {}

  /**
   * A topic a client subscribes to. A trailing {@code :*} is dropped (it means the same prefix);
   * a topic without a scope is placed under {@code customer}, when there is one.
   */
  public static Topic subscription(String raw, UUID customer) {
    String text = raw;
    if (text != null && text.endsWith(WILDCARD_SUFFIX) && text.length() > WILDCARD_SUFFIX.length()) {
      text = text.substring(0, text.length() - WILDCARD_SUFFIX.length());
    }
    return parse(text, customer);
  }

  /** A topic an event is published on: always scoped, never a wildcard. */
  public static Topic event(String raw) {
    return parse(raw, null);
  }

  private static Topic parse(String text, UUID customer) {
    if (text == null || text.isEmpty()) {
      throw invalid("a topic must be a non-empty string");
    }
    if (text.length() > MAX_LENGTH) {
      throw invalid("a topic is at most " + MAX_LENGTH + " characters");
    }
    List<String> segments = split(text);
    ScopeKind kind = ScopeKind.ofSegment(segments.get(0));
    if (kind == null) {
      if (customer == null) {
        throw invalid("a topic must start with customer_id:<uuid> or agent_id:<uuid>");
      }
      segments.add(0, ScopeKind.CUSTOMER.segment());
      segments.add(1, customer.toString());
    } else {
      if (segments.size() < 2) {
        throw invalid("the scope " + kind.segment() + " needs an id");
      }
      segments.set(1, canonicalUuid(segments.get(1)));
    }
    if (segments.size() > MAX_SEGMENTS) {
      throw invalid("a topic has at most " + MAX_SEGMENTS + " segments");
    }
    String value = String.join(":", segments);
    if (value.length() > MAX_LENGTH) {
      throw invalid("a topic is at most " + MAX_LENGTH + " characters");
    }
    return new Topic(value, segments);
  }

  private static List<String> split(String text) {
    List<String> segments = new ArrayList<>(MAX_SEGMENTS + 2);
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ':') {
        if (i == start) {
          throw invalid("topic segments must not be empty");
        }
        segments.add(text.substring(start, i));
        start = i + 1;
      } else if (!isSegmentChar(text.charAt(i))) {
        throw invalid("topic segments may contain only A-Z, a-z, 0-9, '_', '.' and '-'");
      }
    }
    return segments;
  }

  private static boolean isSegmentChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '.'
        || c == '-';
  }

  private static String canonicalUuid(String text) {
    UUID id = Uuids.parseNonNil(text);
    if (id == null) {
      throw invalid("the scope id must be a non-nil UUID");
    }
    return id.toString();
  }

  private static HeraldException invalid(String message) {
    return new HeraldException(ErrorReason.INVALID_TOPIC, message);
  }
}
