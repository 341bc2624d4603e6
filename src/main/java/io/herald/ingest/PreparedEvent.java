package io.herald.ingest;

import io.herald.protocol.TextFrame;
import io.herald.stream.StreamEvent;
import io.herald.stream.StreamStamp;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An event ready for sockets: {@code frames.get(i)} is the encoded frame for subscribers matched
 * through {@code topics.get(i)}. Built once per node and shared, unchanged, by every event loop.
 * {@code acceptedNanos} is when this node accepted (or received) it, for the latency metric;
 * {@code stamp} its place in its customer's stream, or null when history is off.
 */
public record PreparedEvent(
    List<Topic> topics, List<TextFrame> frames, long acceptedNanos, StreamStamp stamp) {
  public PreparedEvent {
    topics = List.copyOf(topics);
    frames = List.copyOf(frames);
    if (topics.size() != frames.size()) {
      throw new IllegalArgumentException("one frame per topic");
    }
  }

  public PreparedEvent(List<Topic> topics, List<TextFrame> frames, long acceptedNanos) {
    this(topics, frames, acceptedNanos, null);
  }

  /**
   * An event of a customer stream as the history holds it: frames already stamped, topics to be
   * read back. The chain link is unknown (-1) until a router sets it.
   */
  public static PreparedEvent of(UUID customer, StreamEvent event) {
    List<Topic> topics = new ArrayList<>(event.topics().size());
    List<TextFrame> frames = new ArrayList<>(event.frames().size());
    for (int i = 0; i < event.topics().size(); i++) {
      topics.add(TopicParser.event(event.topics().get(i)));
      frames.add(TextFrame.ofEncoded(event.frames().get(i)));
    }
    return new PreparedEvent(topics, frames, System.nanoTime(),
        new StreamStamp(customer, event.epoch(), event.offset(), -1));
  }

  /** {@link #of} for each of a customer's events, in order. */
  public static List<PreparedEvent> all(UUID customer, List<StreamEvent> events) {
    List<PreparedEvent> prepared = new ArrayList<>(events.size());
    events.forEach(event -> prepared.add(of(customer, event)));
    return prepared;
  }

  /** The same event with another stamp (each node's copy carries its own chain link). */
  public PreparedEvent withStamp(StreamStamp newStamp) {
    return new PreparedEvent(topics, frames, acceptedNanos, newStamp);
  }
}
