package io.herald.ingest;

import io.herald.protocol.TextFrame;
import io.herald.topic.Topic;
import java.util.List;

/**
 * An event ready for sockets: {@code frames.get(i)} is the encoded frame for subscribers matched
 * through {@code topics.get(i)}. Built once per node and shared, unchanged, by every event loop.
 */
public record PreparedEvent(List<Topic> topics, List<TextFrame> frames) {
  public PreparedEvent {
    topics = List.copyOf(topics);
    frames = List.copyOf(frames);
    if (topics.size() != frames.size()) {
      throw new IllegalArgumentException("one frame per topic");
    }
  }
}
