package io.herald.stream;

import java.io.Serializable;
import java.util.List;

/**
 * An event with its place in its customer's stream: frames already stamped with {@code offset}
 * and {@code epoch}, one per topic.
 *
 * @param atMillis when the sequencer took it (wall clock of the member that did), for the TTL
 * @param batch the publish request it came in, so that a retried append is recognised
 */
public record StreamEvent(
    String epoch, long offset, long atMillis, String batch, List<String> topics, List<byte[]> frames)
    implements Serializable {
  public StreamEvent {
    topics = List.copyOf(topics);
    frames = List.copyOf(frames);
  }

  public StreamPosition position() {
    return new StreamPosition(epoch, offset);
  }
}
