package io.herald.stream;

import java.io.Serializable;
import java.util.List;

/**
 * An accepted event on its way to the sequencer: its canonical topics and, per topic, the encoded
 * frame, not yet stamped with a position.
 */
public record Unsequenced(List<String> topics, List<byte[]> frames) implements Serializable {
  public Unsequenced {
    topics = List.copyOf(topics);
    frames = List.copyOf(frames);
    if (topics.size() != frames.size()) {
      throw new IllegalArgumentException("one frame per topic");
    }
  }
}
