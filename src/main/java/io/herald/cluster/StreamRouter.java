package io.herald.cluster;

import io.herald.ingest.PreparedEvent;
import io.herald.ops.HeraldMetrics;
import io.herald.stream.StreamCursor;
import io.herald.stream.StreamEvent;
import io.herald.stream.Streams;
import io.herald.stream.Window;
import io.herald.topic.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Customer streams between nodes (docs/streams.md). On the member that sequenced them, events
 * are routed to every node that wants them (this one too, if it does), each copy with a chain link
 * (the offset last sent to that node). On every node, received events pass through a
 * {@link StreamCursor} per customer, which drops duplicates and fills possible gaps from the
 * history before the local event loops get anything. Runs on the cluster verticle's context.
 */
final class StreamRouter {
  private final String self;
  private final Context context;
  private final NodeTransport transport;
  private final Function<List<Topic>, Set<String>> interestedNodes;
  private final Streams streams;
  private final Consumer<List<PreparedEvent>> deliverLocally;
  private final HeraldMetrics metrics;
  /** Per customer, per node: the offset last sent there (the chain link of the next event). */
  private final Map<UUID, Map<String, Long>> sent = new HashMap<>();
  private final Map<UUID, StreamCursor<PreparedEvent>> cursors = new HashMap<>();
  /** Per customer with state here, when it was last used (ms). */
  private final Map<UUID, Long> used = new HashMap<>();

  StreamRouter(String self, Context context, NodeTransport transport,
      Function<List<Topic>, Set<String>> interestedNodes, Streams streams,
      Consumer<List<PreparedEvent>> deliverLocally, HeraldMetrics metrics) {
    this.self = self;
    this.context = context;
    this.transport = transport;
    this.interestedNodes = interestedNodes;
    this.streams = streams;
    this.deliverLocally = deliverLocally;
    this.metrics = metrics;
  }

  /** What this member sequenced; called on a Hazelcast partition thread, in offset order. */
  void sequenced(UUID customer, List<StreamEvent> events) {
    context.runOnContext(v -> route(customer, events));
  }

  private void route(UUID customer, List<StreamEvent> events) {
    used.put(customer, System.currentTimeMillis());
    Map<String, Long> chain = sent.computeIfAbsent(customer, c -> new HashMap<>());
    List<PreparedEvent> local = new ArrayList<>(events.size());
    for (StreamEvent event : events) {
      PreparedEvent prepared = PreparedEvent.of(customer, event);
      for (String node : interestedNodes.apply(prepared.topics())) {
        Long previous = chain.put(node, event.offset());
        PreparedEvent copy =
            prepared.withStamp(prepared.stamp().withPrevious(previous == null ? -1 : previous));
        if (node.equals(self)) {
          local.addAll(accept(copy));
        } else {
          metrics.eventForwarded();
          transport.send(node, copy);
        }
      }
    }
    deliver(local); // a request's events reach the local event loops as one batch
  }

  /** An event of a customer stream reached this node from another. */
  void receive(PreparedEvent event) {
    deliver(accept(event));
  }

  /** What of {@code event} (and of events it held back) can go to the event loops now. */
  private List<PreparedEvent> accept(PreparedEvent event) {
    UUID customer = event.stamp().customer();
    used.put(customer, System.currentTimeMillis());
    StreamCursor<PreparedEvent> cursor = cursors.computeIfAbsent(customer,
        c -> new StreamCursor<>(e -> e.stamp().position(), e -> e.stamp().previous()));
    long duplicates = cursor.duplicates();
    StreamCursor.Arrival<PreparedEvent> arrival = cursor.arrive(event);
    metrics.stream(cursor.duplicates() - duplicates, 0, 0);
    if (arrival.needsFill()) {
      fill(customer, cursor, arrival.fillAfter());
    }
    return arrival.deliver();
  }

  /**
   * Forgets the chain links and cursors of customers unused for {@code idleMillis} (the history's
   * TTL), so that this state grows with the customers active lately, not with every customer
   * since the node started. Safe: after that long the history holds nothing a cursor could fill
   * from, a receiver without a cursor takes the next event as its first, and a sequencer without a
   * chain link sends -1, which costs the receiver at most one history read.
   */
  void forgetIdle(long idleMillis) {
    long now = System.currentTimeMillis();
    used.entrySet().removeIf(entry -> {
      UUID customer = entry.getKey();
      StreamCursor<PreparedEvent> cursor = cursors.get(customer);
      if (now - entry.getValue() < idleMillis || (cursor != null && cursor.isFilling())) {
        return false;
      }
      cursors.remove(customer);
      sent.remove(customer);
      return true;
    });
  }

  /** Customers with chain links or a cursor on this node. */
  int customers() {
    return used.size();
  }

  /** A node left: the next event sent to a node of that name starts a new chain. */
  void nodeLeft(String node) {
    sent.values().forEach(chain -> chain.remove(node));
  }

  private void fill(UUID customer, StreamCursor<PreparedEvent> cursor, long after) {
    metrics.stream(0, 1, 0);
    Future.fromCompletionStage(streams.read(customer, after), context).onComplete(read -> {
      long duplicates = cursor.duplicates();
      long lost = cursor.lost();
      List<PreparedEvent> out;
      if (read.succeeded()) {
        Window window = read.result();
        out = cursor.filled(
            window.epoch(), window.oldest(), PreparedEvent.all(customer, window.events()));
      } else {
        out = cursor.fillFailed();
      }
      metrics.stream(cursor.duplicates() - duplicates, 0, cursor.lost() - lost);
      deliver(out);
    });
  }

  private void deliver(List<PreparedEvent> events) {
    if (!events.isEmpty()) {
      deliverLocally.accept(events);
    }
  }
}
