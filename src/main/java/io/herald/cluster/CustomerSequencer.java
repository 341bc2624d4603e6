package io.herald.cluster;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.herald.stream.History;
import io.herald.stream.StreamEvent;
import io.herald.stream.StreamPosition;
import io.herald.stream.Streams;
import io.herald.stream.Unsequenced;
import io.herald.stream.Window;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Customer streams in Hazelcast (docs/streams.md). Each customer's {@link History} is one map
 * entry keyed {@code customer_id:<id>}; entry processors, which Hazelcast runs on the member owning
 * that key's partition one at a time per key, append and read. So there is one sequencer per
 * customer, it moves with the partition when members change, and the history has the map's
 * synchronous backup on another member. When owner and backup are both lost, the stream starts
 * again under a new epoch, and a resume from an old position is known not to recover rather than
 * silently missing events.
 *
 * <p>The member that sequences an append also routes it: the processor hands the stamped events
 * to the {@link Sequenced} hook registered on that member, so a customer's events leave one member
 * in offset order.
 */
public final class CustomerSequencer implements Streams {
  static final String MAP = "herald-streams";
  static final String HOOK = "herald.sequenced";

  /** Receives, on the sequencing member, what was appended; called on a partition thread. */
  @FunctionalInterface
  public interface Sequenced {
    void sequenced(UUID customer, List<StreamEvent> events);
  }

  private final HazelcastInstance hazelcast;
  private final IMap<String, History> histories;
  private final History.Limits limits;

  public CustomerSequencer(HazelcastInstance hazelcast, History.Limits limits) {
    // Object format: an append changes the stored history in place instead of serializing the
    // whole history every time. Added at run time, so conf/cluster.xml need not know the map.
    hazelcast.getConfig().addMapConfig(new MapConfig(MAP)
        .setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1).setAsyncBackupCount(0));
    this.hazelcast = hazelcast;
    this.histories = hazelcast.getMap(MAP);
    this.limits = limits;
  }

  /**
   * Makes a member about to start hold what it sequences until {@link #onSequenced} binds a
   * router: it owns partitions from the moment it joins, before the node can route.
   */
  public static void prepare(com.hazelcast.config.Config config) {
    config.getUserContext().put(HOOK, new SequencedRelay(SequencedRelay.LIMIT));
  }

  /** Routes what this member sequences, starting with what it held; the hook must not block. */
  public void onSequenced(Sequenced hook) {
    ((SequencedRelay) hazelcast.getUserContext()
        .computeIfAbsent(HOOK, key -> new SequencedRelay(SequencedRelay.LIMIT))).bind(hook);
  }

  public History.Limits limits() {
    return limits;
  }

  /** The map key that also names the partition of the customer's stream. */
  public static String key(UUID customer) {
    return "customer_id:" + customer;
  }

  /** The Vert.x node id of the member sequencing the customer; null while none owns it. */
  public String sequencerOf(UUID customer) {
    com.hazelcast.cluster.Member owner =
        hazelcast.getPartitionService().getPartition(key(customer)).getOwner();
    return owner == null ? null : owner.getAttribute(HazelcastMembership.NODE_ID_ATTRIBUTE);
  }

  @Override
  public CompletionStage<StreamPosition> append(UUID customer, String batch, List<Unsequenced> events) {
    return completedInline(histories.submitToKey(key(customer), new Append(customer, batch, events, limits)));
  }

  @Override
  public CompletionStage<Window> read(UUID customer, long offset) {
    return completedInline(histories.submitToKey(key(customer), new Read(offset, limits)));
  }

  /**
   * The result as a plain future, completed on the thread that completes Hazelcast's. Callbacks
   * on Hazelcast's own futures run on its default executor, which is the common fork-join pool,
   * or, where that pool has no parallelism (two cores or fewer: typical pod limits), a new thread
   * per callback: a thread started and ended per append. Completing a plain future inline only
   * hands the result on (callers move to their Vert.x context), so it cannot hold up Hazelcast.
   */
  private static <R> CompletionStage<R> completedInline(CompletionStage<R> hazelcast) {
    CompletableFuture<R> result = new CompletableFuture<>();
    hazelcast.whenCompleteAsync((value, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }, Runnable::run);
    return result;
  }

  /** Drops expired events of the streams this member owns (the backups do the same). */
  @Override
  public void expire() {
    histories.executeOnKeys(histories.localKeySet(), new Expire(System.currentTimeMillis(), limits));
  }

  private static History start(History history) {
    return history != null ? history : new History(UUID.randomUUID().toString());
  }

  /**
   * Runs on the partition owner. Backups get what it appended, not another run of it: a run on a
   * backup would draw a different epoch for a new stream. Written field by field
   * ({@link DataSerializable}): Java serialization of the frames showed in the profile.
   */
  public static final class Append implements EntryProcessor<String, History, StreamPosition>,
      HazelcastInstanceAware, DataSerializable {
    private UUID customer;
    private String batch;
    private List<Unsequenced> events;
    private History.Limits limits;
    private transient HazelcastInstance member;
    private transient Replicate<StreamPosition> backup;

    /** For Hazelcast's deserialization. */
    public Append() {}

    Append(UUID customer, String batch, List<Unsequenced> events, History.Limits limits) {
      this.customer = customer;
      this.batch = batch;
      this.events = List.copyOf(events);
      this.limits = limits;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
      this.member = hazelcastInstance;
    }

    @Override
    public StreamPosition process(Map.Entry<String, History> entry) {
      History history = start(entry.getValue());
      List<StreamEvent> appended =
          history.append(batch, events, System.currentTimeMillis(), limits);
      entry.setValue(history);
      backup = new Replicate<>(history.epoch(), appended, limits);
      if (member != null && member.getUserContext().get(HOOK) instanceof Sequenced hook) {
        hook.sequenced(customer, appended); // again after a retry: receivers drop duplicates
      }
      return appended.isEmpty() // a retried batch already gone from the history
          ? history.head()
          : appended.get(appended.size() - 1).position();
    }

    @Override
    public EntryProcessor<String, History, StreamPosition> getBackupProcessor() {
      return backup;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeLong(customer.getMostSignificantBits());
      out.writeLong(customer.getLeastSignificantBits());
      out.writeString(batch);
      writeLimits(out, limits);
      out.writeInt(events.size());
      for (Unsequenced event : events) {
        writeTopicsAndFrames(out, event.topics(), event.frames());
      }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      customer = new UUID(in.readLong(), in.readLong());
      batch = in.readString();
      limits = readLimits(in);
      int count = in.readInt();
      List<Unsequenced> read = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        TopicsAndFrames event = TopicsAndFrames.read(in);
        read.add(new Unsequenced(event.topics(), event.frames()));
      }
      events = read;
    }
  }

  /** What a backup applies: the events as the owner stamped them. */
  public static final class Replicate<R> implements EntryProcessor<String, History, R>, DataSerializable {
    private String epoch;
    private List<StreamEvent> appended;
    private History.Limits limits;

    /** For Hazelcast's deserialization. */
    public Replicate() {}

    Replicate(String epoch, List<StreamEvent> appended, History.Limits limits) {
      this.epoch = epoch;
      this.appended = appended;
      this.limits = limits;
    }

    @Override
    public R process(Map.Entry<String, History> entry) {
      History history = entry.getValue() != null ? entry.getValue() : new History(epoch);
      history.replicate(appended, limits);
      entry.setValue(history);
      return null;
    }

    @Override
    public EntryProcessor<String, History, R> getBackupProcessor() {
      return this;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeString(epoch);
      writeLimits(out, limits);
      out.writeInt(appended.size());
      for (StreamEvent event : appended) {
        out.writeString(event.epoch());
        out.writeLong(event.offset());
        out.writeLong(event.atMillis());
        out.writeString(event.batch());
        writeTopicsAndFrames(out, event.topics(), event.frames());
      }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      epoch = in.readString();
      limits = readLimits(in);
      int count = in.readInt();
      List<StreamEvent> read = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String eventEpoch = in.readString();
        long offset = in.readLong();
        long atMillis = in.readLong();
        String eventBatch = in.readString();
        TopicsAndFrames event = TopicsAndFrames.read(in);
        read.add(new StreamEvent(eventEpoch, offset, atMillis, eventBatch, event.topics(),
            event.frames()));
      }
      appended = read;
    }
  }

  private static void writeLimits(ObjectDataOutput out, History.Limits limits) throws IOException {
    out.writeInt(limits.size());
    out.writeLong(limits.ttlMillis());
  }

  private static History.Limits readLimits(ObjectDataInput in) throws IOException {
    return new History.Limits(in.readInt(), in.readLong());
  }

  private static void writeTopicsAndFrames(ObjectDataOutput out, List<String> topics,
      List<byte[]> frames) throws IOException {
    out.writeInt(topics.size());
    for (int i = 0; i < topics.size(); i++) {
      out.writeString(topics.get(i));
      out.writeByteArray(frames.get(i));
    }
  }

  /** Topics and their frames, read together (they are written interleaved). */
  private record TopicsAndFrames(List<String> topics, List<byte[]> frames) {
    static TopicsAndFrames read(ObjectDataInput in) throws IOException {
      int count = in.readInt();
      List<String> topics = new ArrayList<>(count);
      List<byte[]> frames = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        topics.add(in.readString());
        frames.add(in.readByteArray());
      }
      return new TopicsAndFrames(topics, frames);
    }
  }

  /** Reads; starts the stream when it has none, and only then has a backup to write. */
  static final class Read implements EntryProcessor<String, History, Window>, Serializable {
    private final long offset;
    private final History.Limits limits;
    private transient Replicate<Window> backup;

    Read(long offset, History.Limits limits) {
      this.offset = offset;
      this.limits = limits;
    }

    @Override
    public Window process(Map.Entry<String, History> entry) {
      History history = entry.getValue();
      if (history == null) {
        history = start(null);
        entry.setValue(history);
        backup = new Replicate<>(history.epoch(), List.of(), limits);
      }
      return history.after(offset, System.currentTimeMillis(), limits);
    }

    @Override
    public EntryProcessor<String, History, Window> getBackupProcessor() {
      return backup;
    }
  }

  /** Deterministic on owner and backup alike: the time is the caller's. */
  record Expire(long nowMillis, History.Limits limits)
      implements EntryProcessor<String, History, Void>, Serializable {
    @Override
    public Void process(Map.Entry<String, History> entry) {
      History history = entry.getValue();
      if (history != null) {
        history.expire(nowMillis, limits);
        entry.setValue(history);
      }
      return null;
    }
  }
}
