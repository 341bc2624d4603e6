package io.herald.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A node's place in one customer's stream, so that the node hands its event loops that customer's
 * events once each and in offset order, whoever sequenced them.
 *
 * <p>The sequencer sends each node a chain: with every event, the offset of the previous event it
 * sent that node ({@code -1} when it does not know, e.g. it has just become the sequencer). An
 * event whose chain link is the last offset this node has, or that follows it directly, is
 * passed on. Anything else may hide a gap (the sequencer changed, or died between keeping an
 * event and sending it): the cursor then holds events back, the caller reads the history after
 * {@link Arrival#fillAfter()} and gives it to {@link #filled}, and the missing events come out
 * first. Events at or below the last offset are duplicates and are dropped. Plain single-threaded
 * class.
 *
 * @param <E> an event that knows its position and its chain link
 */
public final class StreamCursor<E> {
  /** Events to pass on now, and whether the history after an offset must be read first. */
  public record Arrival<E>(List<E> deliver, long fillAfter) {
    public boolean needsFill() {
      return fillAfter >= 0;
    }
  }

  private final Function<E, StreamPosition> positionOf;
  private final ToLongFunction<E> previousOf;
  private final List<E> held = new ArrayList<>();
  private final StreamMark mark = new StreamMark();
  private boolean filling;
  private long duplicates;
  private long lost;

  public StreamCursor(Function<E, StreamPosition> positionOf, ToLongFunction<E> previousOf) {
    this.positionOf = positionOf;
    this.previousOf = previousOf;
  }

  public Arrival<E> arrive(E event) {
    if (filling) {
      held.add(event);
      return new Arrival<>(List.of(), -1);
    }
    StreamPosition position = positionOf.apply(event);
    long last = mark.last();
    boolean mayHideGap = mark.sameEpoch(position.epoch())
        && position.offset() > last
        && previousOf.applyAsLong(event) != last && position.offset() != last + 1;
    if (mayHideGap) {
      filling = true;
      held.add(event);
      return new Arrival<>(List.of(), last);
    }
    List<E> deliver = new ArrayList<>(1);
    pass(event, deliver);
    return new Arrival<>(deliver, -1);
  }

  /**
   * The history read after a gap: its epoch, its oldest held offset and the events after the
   * offset asked for. Returns the missing events, then the held-back ones, in order. Events the
   * history no longer holds are counted as {@link #lost()}.
   */
  public List<E> filled(String historyEpoch, long oldest, List<E> afterLast) {
    List<E> deliver = new ArrayList<>();
    if (mark.sameEpoch(historyEpoch)) {
      long last = mark.last();
      if (oldest > last + 1) {
        lost += oldest - last - 1;
      }
      for (E event : afterLast) {
        pass(event, deliver);
      }
    } else {
      lost++; // the stream started again: what followed `last` under the old epoch is gone
    }
    return release(deliver);
  }

  /** The history could not be read: pass on what is held, counting what may be missing. */
  public List<E> fillFailed() {
    lost++;
    return release(new ArrayList<>());
  }

  public boolean isFilling() {
    return filling;
  }

  /** The last offset passed on, with its epoch; null before the first event. */
  public StreamPosition last() {
    return mark.position();
  }

  public long duplicates() {
    return duplicates;
  }

  /** Events known to be missing: gaps the history could no longer fill. */
  public long lost() {
    return lost;
  }

  private List<E> release(List<E> deliver) {
    filling = false;
    for (E event : held) {
      pass(event, deliver);
    }
    held.clear();
    return deliver;
  }

  private void pass(E event, List<E> deliver) {
    if (mark.admit(positionOf.apply(event)) == StreamMark.Admission.DUPLICATE) {
      duplicates++;
      return;
    }
    deliver.add(event);
  }
}
