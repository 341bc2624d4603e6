package io.herald.ingest;

import io.herald.protocol.TextFrame;
import io.herald.topic.Topic;
import java.util.List;

/**
 * An event ready for sockets: {@code frames.get(i)} is the encoded frame for subscribers matched
 * through {@code topics.get(i)}. Built once per node and shared, unchanged, by every event loop.
 * {@code acceptedNanos} is when this node accepted (or received) it, for the latency metric.
 */
public record PreparedEvent(List<Topic> topics, List<TextFrame> frames, long acceptedNanos) {
  public PreparedEvent {
    topics = List.copyOf(topics);
    frames = List.copyOf(frames);
    if (topics.size() != frames.size()) {
      throw new IllegalArgumentException("one frame per topic");
    }
  }
}
