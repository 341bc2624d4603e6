package io.herald.ingest;

import io.herald.ops.HeraldMetrics;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.stream.Streams;
import io.herald.stream.Unsequenced;
import io.herald.topic.Topic;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands accepted events to every gateway verticle of this node. Each event is encoded here, once
 * per topic, and the same frames go to every event loop. The events of one call travel as one
 * {@link PreparedBatch}, in the order given, and the event bus keeps the order of batches per
 * receiving verticle. With history on, the events go to their customers' streams instead, which
 * give them positions and deliver them, in one order per customer, from wherever each stream is
 * sequenced. Thread-safe.
 */
public final class EventPublisher {
  /** Local address of the cluster verticle that routes events to other nodes. */
  public static final String ROUTE = "herald.internal.route";

  private final EventBus bus;
  private final ServerFrameEncoder encoder;
  private final boolean clustered;
  private final HeraldMetrics metrics;
  private final Streams streams;

  /**
   * @param clustered whether events also go to the cluster verticle, to be routed to the other
   *     nodes that want them
   * @param streams the customer streams when history is on, else null
   */
  public EventPublisher(EventBus bus, ServerFrameEncoder encoder, boolean clustered,
      HeraldMetrics metrics, Streams streams) {
    this.bus = bus;
    this.encoder = encoder;
    this.clustered = clustered;
    this.metrics = metrics;
    this.streams = streams;
  }

  /** Whether events need a customer (history is on). */
  public boolean sequencesByCustomer() {
    return streams != null;
  }

  /** Completes when the events are handed on (with history: kept in their streams). */
  public Future<Void> publish(List<Event> events) {
    metrics.eventsAccepted(events.size());
    if (streams != null) {
      return append(events);
    }
    List<PreparedEvent> prepared = new ArrayList<>(events.size());
    for (Event event : events) {
      prepared.add(prepare(event));
    }
    PreparedBatch batch = new PreparedBatch(prepared);
    LocalDelivery.deliver(bus, batch);
    if (clustered) {
      bus.send(ROUTE, batch, LocalDelivery.OPTIONS);
    }
    return Future.succeededFuture();
  }

  /** One append per customer of the request, each a batch the streams recognise if retried. */
  private Future<Void> append(List<Event> events) {
    Map<UUID, List<Unsequenced>> byCustomer = new LinkedHashMap<>();
    for (Event event : events) {
      byCustomer.computeIfAbsent(event.customer(), c -> new ArrayList<>()).add(new Unsequenced(
          event.topics().stream().map(Topic::value).toList(),
          frames(event).stream().map(TextFrame::utf8).toList()));
    }
    List<Future<?>> appends = new ArrayList<>(byCustomer.size());
    byCustomer.forEach((customer, batch) -> appends.add(Future.fromCompletionStage(
        streams.append(customer, UUID.randomUUID().toString(), batch))));
    return Future.all(appends).mapEmpty();
  }

  PreparedEvent prepare(Event event) {
    return new PreparedEvent(event.topics(), frames(event), System.nanoTime());
  }

  /** The event encoded once per topic: frame i for subscribers matched through topic i. */
  private List<TextFrame> frames(Event event) {
    List<TextFrame> frames = new ArrayList<>(event.topics().size());
    for (Topic topic : event.topics()) {
      frames.add(encoder.event(event.type(), topic.value(), event.dataJson()));
    }
    return frames;
  }
}
