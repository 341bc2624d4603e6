package io.herald.ingest;

import io.herald.topic.Topic;
import java.util.List;

/**
 * A validated event: its type, its distinct canonical topics in the publisher's order, and its
 * data already encoded as JSON.
 */
public record Event(String type, List<Topic> topics, String dataJson) {
  public Event {
    topics = List.copyOf(topics);
  }
}
