package io.herald.ingest;

import java.util.List;

/**
 * Prepared events that travel to the event loops as one message: the events of one publish
 * request, in order. Each event loop then delivers them in one task, so a socket that gets several
 * of them gets them in one write.
 */
public record PreparedBatch(List<PreparedEvent> events) {
  public PreparedBatch {
    events = List.copyOf(events);
  }

  public static PreparedBatch of(PreparedEvent event) {
    return new PreparedBatch(List.of(event));
  }
}
