package io.herald.ingest;

import io.herald.topic.Topic;
import java.util.List;
import java.util.UUID;

/**
 * A validated event: its type, its distinct canonical topics in the publisher's order, its data
 * already encoded as JSON, and the customer whose stream it belongs to (null when its topics name
 * none or several, which only a node without history accepts).
 */
public record Event(String type, List<Topic> topics, String dataJson, UUID customer) {
  public Event {
    topics = List.copyOf(topics);
  }

  public Event(String type, List<Topic> topics, String dataJson) {
    this(type, topics, dataJson, null);
  }
}
