package io.herald.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.herald.stream.StreamPosition;
import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Gives each customer's events their offsets (docs/streams.md). The state of a customer's stream
 * lives in one map entry keyed {@code customer_id:<id>}; an entry processor, which Hazelcast runs
 * on the member owning that key's partition, one at a time per key, reserves consecutive offsets.
 * So there is one sequencer per customer, it moves with the partition when members change, and its
 * state has the map's backup on another member. When owner and backup are both lost, the entry
 * starts again under a new epoch: offsets restart, and a resume from an old position is known not
 * to recover, rather than silently missing events.
 *
 * <p>Not wired into publishing yet: this is the first working step of issue 8.
 */
public final class CustomerSequencer {
  static final String MAP = "herald-streams";

  private final IMap<String, State> states;

  public CustomerSequencer(HazelcastInstance hazelcast) {
    this.states = hazelcast.getMap(MAP);
  }

  /** The map key that also names the partition of the customer's history. */
  public static String key(UUID customer) {
    return "customer_id:" + customer;
  }

  /**
   * Reserves {@code count} consecutive offsets of the customer's stream; completes with the
   * position of the first (the others follow it by one each).
   */
  public CompletionStage<StreamPosition> reserve(UUID customer, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count " + count);
    }
    return states.submitToKey(key(customer), new Reserve(count));
  }

  /** A customer stream's state: its epoch and the next offset to give. */
  record State(String epoch, long next) implements Serializable {}

  /**
   * Runs on the partition owner: takes the next {@code count} offsets. Backups get the state it
   * wrote, not another run of it: a run on a backup would draw a different epoch for a new stream
   * (the failover test caught exactly that).
   */
  static final class Reserve implements EntryProcessor<String, State, StreamPosition>, Serializable {
    private final int count;
    private transient State written;

    Reserve(int count) {
      this.count = count;
    }

    @Override
    public StreamPosition process(Map.Entry<String, State> entry) {
      State state = entry.getValue();
      if (state == null) {
        state = new State(UUID.randomUUID().toString(), 1);
      }
      written = new State(state.epoch(), state.next() + count);
      entry.setValue(written);
      return new StreamPosition(state.epoch(), state.next());
    }

    @Override
    public EntryProcessor<String, State, StreamPosition> getBackupProcessor() {
      return new Replicate(written);
    }
  }

  /** What a backup applies: the owner's resulting state, exactly. */
  record Replicate(State state) implements EntryProcessor<String, State, StreamPosition>, Serializable {
    @Override
    public StreamPosition process(Map.Entry<String, State> entry) {
      entry.setValue(state);
      return null;
    }
  }
}
