package io.herald.topic;

import java.util.List;
import java.util.UUID;

/**
 * A valid, canonical topic: scoped ({@code customer_id:<uuid>...} or {@code agent_id:<uuid>...}),
 * with a lower-case UUID and no wildcard. Only {@link TopicParser} makes them, so holding a Topic
 * means holding a checked one. Equality is by value.
 */
public record Topic(String value, List<String> segments) {

  public Topic {
    segments = List.copyOf(segments);
  }

  public Scope scope() {
    return new Scope(ScopeKind.ofSegment(segments.get(0)), UUID.fromString(segments.get(1)));
  }

  public int size() {
    return segments.size();
  }

  public String segment(int index) {
    return segments.get(index);
  }

  /** The topic made of the first {@code length} segments (at least the two of the scope). */
  public Topic prefix(int length) {
    if (length < 2 || length > size()) {
      throw new IllegalArgumentException("prefix length " + length + " of " + value);
    }
    if (length == size()) {
      return this;
    }
    List<String> kept = segments.subList(0, length);
    return new Topic(String.join(":", kept), kept);
  }

  /** True when this topic, as a subscription, receives events published on {@code event}. */
  public boolean isPrefixOf(Topic event) {
    return size() <= event.size() && event.segments.subList(0, size()).equals(segments);
  }

  @Override
  public String toString() {
    return value;
  }
}
