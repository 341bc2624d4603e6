package io.herald.stream;

import java.io.Serializable;
import java.util.List;

/**
 * What a customer's history held when it was read.
 *
 * @param oldest the offset of the oldest event still held, or {@code next} when none is
 * @param next the offset the next event will get
 * @param events the held events after the offset asked for, in offset order
 */
public record Window(String epoch, long oldest, long next, List<StreamEvent> events)
    implements Serializable {
  public Window {
    events = List.copyOf(events);
  }

  /** The position of the newest event (offset 0 for a stream that has none yet). */
  public StreamPosition head() {
    return new StreamPosition(epoch, next - 1);
  }
}
