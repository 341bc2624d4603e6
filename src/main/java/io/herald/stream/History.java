package io.herald.stream;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One customer's stream: its epoch, the next offset to give, and the recent events, bounded by
 * count and age. Plain single-threaded class; the sequencer holding it decides who may touch it
 * (Hazelcast's partition thread, or a lock in a single node).
 *
 * <p>Deterministic given its inputs: a backup that applies {@link #replicate} with what the owner
 * appended holds exactly what the owner holds, which is why time and epoch are inputs, never drawn
 * here.
 */
public final class History implements Serializable {
  private static final long serialVersionUID = 1L;
  /** How many of the newest batches are remembered, to recognise a retried one. */
  private static final int RECENT_BATCHES = 64;

  private final String epoch;
  private long next = 1;
  private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
  /** Batch id -> offset of its first event, for the newest batches (a retry comes right away). */
  private final RecentBatches recent = new RecentBatches();

  public History(String epoch) {
    if (!PositionStamp.isValidEpoch(epoch)) {
      throw new IllegalArgumentException("epoch " + epoch);
    }
    this.epoch = epoch;
  }

  public String epoch() {
    return epoch;
  }

  public long next() {
    return next;
  }

  /** The position of the newest event (offset 0 for a stream that has none yet). */
  public StreamPosition head() {
    return new StreamPosition(epoch, next - 1);
  }

  /**
   * Gives the events of publish request {@code batch} the next offsets, stamps their frames and
   * keeps them. A batch already held (its append was retried after the member that ran it died)
   * is not appended again: its events are returned as they were stamped the first time.
   */
  public List<StreamEvent> append(String batch, List<Unsequenced> batchEvents, long nowMillis,
      Limits limits) {
    if (recent.containsKey(batch)) {
      return find(batch);
    }
    recent.put(batch, next);
    List<StreamEvent> appended = new ArrayList<>(batchEvents.size());
    for (Unsequenced event : batchEvents) {
      long offset = next++;
      List<byte[]> stamped = new ArrayList<>(event.frames().size());
      for (byte[] frame : event.frames()) {
        stamped.add(PositionStamp.onto(frame, offset, epoch));
      }
      StreamEvent streamEvent =
          new StreamEvent(epoch, offset, nowMillis, batch, event.topics(), stamped);
      events.addLast(streamEvent);
      appended.add(streamEvent);
    }
    trim(nowMillis, limits);
    return appended;
  }

  /** What a backup applies: the events the owner appended, as the owner stamped them. */
  public void replicate(List<StreamEvent> appended, Limits limits) {
    for (StreamEvent event : appended) {
      if (event.offset() >= next) {
        recent.putIfAbsent(event.batch(), event.offset());
        events.addLast(event);
        next = event.offset() + 1;
      }
    }
    if (!appended.isEmpty()) {
      trim(appended.get(appended.size() - 1).atMillis(), limits);
    }
  }

  /**
   * The events after {@code offset} that are younger than the TTL at {@code nowMillis}. Changes
   * nothing, so that reading needs no backup.
   */
  public Window after(long offset, long nowMillis, Limits limits) {
    long expiredAtOrBefore = nowMillis - limits.ttlMillis();
    List<StreamEvent> found = new ArrayList<>();
    long oldest = next;
    Iterator<StreamEvent> newestFirst = events.descendingIterator();
    while (newestFirst.hasNext()) {
      StreamEvent event = newestFirst.next();
      if (event.atMillis() <= expiredAtOrBefore) {
        break;
      }
      oldest = event.offset();
      if (event.offset() > offset) {
        found.add(event);
      }
    }
    java.util.Collections.reverse(found);
    return new Window(epoch, oldest, next, found);
  }

  /** The events of a remembered batch (rare: only a retried append gets here). */
  private List<StreamEvent> find(String batch) {
    List<StreamEvent> found = new ArrayList<>();
    Iterator<StreamEvent> newestFirst = events.descendingIterator();
    while (newestFirst.hasNext()) {
      StreamEvent event = newestFirst.next();
      if (event.batch().equals(batch)) {
        found.add(event);
      } else if (!found.isEmpty()) {
        break;
      }
    }
    java.util.Collections.reverse(found);
    return found;
  }

  /** Drops the events older than the TTL; the epoch and the next offset stay. */
  public void expire(long nowMillis, Limits limits) {
    trim(nowMillis, limits);
  }

  public int size() {
    return events.size();
  }

  private void trim(long nowMillis, Limits limits) {
    while (events.size() > limits.size()) {
      events.removeFirst();
    }
    while (!events.isEmpty() && events.peekFirst().atMillis() <= nowMillis - limits.ttlMillis()) {
      events.removeFirst();
    }
  }

  /** How much history a stream keeps: HERALD_HISTORY_SIZE events, HERALD_HISTORY_TTL. */
  public record Limits(int size, long ttlMillis) implements Serializable {
    public Limits {
      if (size < 1 || ttlMillis < 1) {
        throw new IllegalArgumentException("size " + size + ", ttl " + ttlMillis);
      }
    }

    /** How often to drop what is older than the TTL: every TTL, at least once a minute. */
    public long sweepEveryMillis() {
      return Math.min(60_000L, ttlMillis);
    }
  }

  /** A bounded, insertion-ordered map of the newest batches. */
  private static final class RecentBatches extends java.util.LinkedHashMap<String, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > RECENT_BATCHES;
    }
  }
}
