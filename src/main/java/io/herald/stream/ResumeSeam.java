package io.herald.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Joins the replay of a customer's history to its live stream for one resuming subscription, so
 * that the client gets every event after its position once, in offset order, with no gap and no
 * duplicate where history ends and live delivery begins.
 *
 * <p>Created when a subscribe with {@code since} arrives. From then on every live event for the
 * subscription goes through {@link #live}; until the history has been read they are held back.
 * {@link #history} then takes what the history holds after the position, decides whether the
 * resume recovered (same epoch, and the history reaches back to the event right after the
 * position), and releases replay and held-back events in order. Afterwards {@link #live} passes
 * events through, dropping any it already delivered. A new epoch in the live stream (the stream's
 * history was lost and it started again) is followed, not filtered out.
 *
 * <p>When the resume does not recover, nothing is replayed (the client learns
 * {@code recovered:false} and reloads its state); the events that arrived since the subscribe are
 * still delivered. Plain single-threaded class, like the rest of the core.
 *
 * @param <E> an event that knows its stream position
 */
public final class ResumeSeam<E> {
  /** What {@link #history} decided, and the events to deliver now, in order. */
  public record Resumed<E>(boolean recovered, List<E> deliver) {}

  private final StreamPosition since;
  private final Function<E, StreamPosition> positionOf;
  private final List<E> heldBack = new ArrayList<>();
  private boolean joined;
  private final StreamMark mark = new StreamMark();
  private long gaps;

  public ResumeSeam(StreamPosition since, Function<E, StreamPosition> positionOf) {
    this.since = since;
    this.positionOf = positionOf;
  }

  /**
   * @param currentEpoch the stream's epoch when its history was read
   * @param oldestHeld the offset of the oldest event the history still holds, or {@code
   *     nextOffset} when it holds none
   * @param afterSince the held events with an offset above the position, in offset order
   */
  public Resumed<E> history(String currentEpoch, long oldestHeld, List<E> afterSince) {
    if (joined) {
      throw new IllegalStateException("history was already given");
    }
    joined = true;
    boolean recovered = currentEpoch.equals(since.epoch()) && oldestHeld <= since.offset() + 1;
    List<E> deliver = new ArrayList<>();
    if (recovered) {
      mark.set(since);
      for (E event : afterSince) {
        pass(event, deliver);
      }
    }
    for (E event : heldBack) {
      pass(event, deliver);
    }
    heldBack.clear();
    return new Resumed<>(recovered, deliver);
  }

  /** A live event: what to deliver now (nothing while the history is being read). */
  public List<E> live(E event) {
    if (!joined) {
      heldBack.add(event);
      return List.of();
    }
    List<E> deliver = new ArrayList<>(1);
    pass(event, deliver);
    return deliver;
  }

  /** Whether the history was given: from then on live events pass straight through. */
  public boolean isJoined() {
    return joined;
  }

  /** Times an event arrived beyond the next expected offset of the same epoch. */
  public long gaps() {
    return gaps;
  }

  private void pass(E event, List<E> deliver) {
    switch (mark.admit(positionOf.apply(event))) {
      case DUPLICATE -> {
        return; // delivered already: in the replay, or twice on the live path
      }
      case AFTER_GAP -> gaps++;
      default -> { } // the next offset, the first event without a recovered position, a new epoch
    }
    deliver.add(event);
  }
}
