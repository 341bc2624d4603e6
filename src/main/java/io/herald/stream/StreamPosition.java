package io.herald.stream;

/**
 * A place in one customer's event stream: {@code offset} grows by one per accepted event of that
 * customer; {@code epoch} names the stream's history and changes only when that history was lost,
 * so an offset means something only together with its epoch. Serializable: the sequencer
 * returns it from the member that owns the customer's partition.
 */
public record StreamPosition(String epoch, long offset) implements java.io.Serializable {
  public StreamPosition {
    if (epoch == null || epoch.isEmpty()) {
      throw new IllegalArgumentException("an epoch is required");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offsets start at 0");
    }
  }
}
