package io.herald.stream;

/**
 * The last offset passed on from one customer stream, and the rule both the node's cursor and a
 * session's resume apply to what comes next: an event of another epoch starts the stream again
 * (a stream only ever moves on to a new epoch), one at or below the mark was passed on already,
 * anything above moves the mark. Plain single-threaded class.
 */
final class StreamMark {
  /** What {@link #admit} made of an event. */
  enum Admission {
    /** Passed on already: drop it. */
    DUPLICATE,
    /** The offset right after the mark. */
    NEXT,
    /** Above the mark with offsets between missing. */
    AFTER_GAP,
    /** The first event, or the first of a new epoch. */
    NEW_EPOCH
  }

  private String epoch;
  private long last;

  /** Moves the mark to {@code position} when the event there may be passed on. */
  Admission admit(StreamPosition position) {
    if (epoch == null || !epoch.equals(position.epoch())) {
      epoch = position.epoch();
      last = position.offset();
      return Admission.NEW_EPOCH;
    }
    if (position.offset() <= last) {
      return Admission.DUPLICATE;
    }
    Admission admission = position.offset() > last + 1 ? Admission.AFTER_GAP : Admission.NEXT;
    last = position.offset();
    return admission;
  }

  /** Sets the mark, as if everything up to {@code position} had been passed on. */
  void set(StreamPosition position) {
    epoch = position.epoch();
    last = position.offset();
  }

  /** Whether {@code otherEpoch} is the marked epoch (false before the first event). */
  boolean sameEpoch(String otherEpoch) {
    return epoch != null && epoch.equals(otherEpoch);
  }

  /** The marked offset; meaningful once there is an epoch. */
  long last() {
    return last;
  }

  /** The mark, or null before the first event. */
  StreamPosition position() {
    return epoch == null ? null : new StreamPosition(epoch, last);
  }
}
