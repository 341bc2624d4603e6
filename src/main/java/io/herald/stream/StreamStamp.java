package io.herald.stream;

import java.util.UUID;

/**
 * Where an event sits in its customer's stream, as it travels between nodes.
 *
 * @param previous the offset of the event the sequencer sent the same node before this one, or
 *     -1 when it does not know (see {@link StreamCursor})
 */
public record StreamStamp(UUID customer, String epoch, long offset, long previous) {
  public StreamPosition position() {
    return new StreamPosition(epoch, offset);
  }

  public StreamStamp withPrevious(long previousSent) {
    return new StreamStamp(customer, epoch, offset, previousSent);
  }
}
