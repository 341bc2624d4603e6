package io.herald.ingest;

import io.herald.ops.HeraldMetrics;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.topic.Topic;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands accepted events to every gateway verticle of this node. Each event is encoded here, once
 * per topic, and the same frames go to every event loop. The events of one call travel as one
 * {@link PreparedBatch}, in the order given, and the event bus keeps the order of batches per
 * receiving verticle. Thread-safe.
 */
public final class EventPublisher {
  /** Local address of the cluster verticle that routes events to other nodes. */
  public static final String ROUTE = "herald.internal.route";

  private final EventBus bus;
  private final ServerFrameEncoder encoder;
  private final boolean clustered;
  private final HeraldMetrics metrics;

  /**
   * @param clustered whether events also go to the cluster verticle, to be routed to the other
   *     nodes that want them
   */
  public EventPublisher(EventBus bus, ServerFrameEncoder encoder, boolean clustered,
      HeraldMetrics metrics) {
    this.bus = bus;
    this.encoder = encoder;
    this.clustered = clustered;
    this.metrics = metrics;
  }

  public void publish(List<Event> events) {
    metrics.eventsAccepted(events.size());
    List<PreparedEvent> prepared = new ArrayList<>(events.size());
    for (Event event : events) {
      prepared.add(prepare(event));
    }
    PreparedBatch batch = new PreparedBatch(prepared);
    LocalDelivery.deliver(bus, batch);
    if (clustered) {
      bus.send(ROUTE, batch, LocalDelivery.OPTIONS);
    }
  }

  PreparedEvent prepare(Event event) {
    List<TextFrame> frames = new ArrayList<>(event.topics().size());
    for (Topic topic : event.topics()) {
      frames.add(encoder.event(event.type(), topic.value(), event.dataJson()));
    }
    return new PreparedEvent(event.topics(), frames, System.nanoTime());
  }
}
