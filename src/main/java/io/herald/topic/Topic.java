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

  /** True when this topic, as a subscription, receives events published on {@code event}. */
  public boolean isPrefixOf(Topic event) {
    return size() <= event.size() && event.segments.subList(0, size()).equals(segments);
  }

  @Override
  public String toString() {
    return value;
  }
}
