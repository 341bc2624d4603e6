package io.herald.ingest;

import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.topic.Topic;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands accepted events to every gateway verticle of this node. Each event is encoded here, once
 * per topic, and the same frames go to every event loop. Events are handed over in the order
 * given, and the event bus keeps that order per receiving verticle. Thread-safe.
 */
public final class EventPublisher {
  private final EventBus bus;
  private final ServerFrameEncoder encoder;

  public EventPublisher(EventBus bus, ServerFrameEncoder encoder) {
    this.bus = bus;
    this.encoder = encoder;
  }

  public void publish(List<Event> events) {
    for (Event event : events) {
      bus.publish(LocalDelivery.ADDRESS, prepare(event), LocalDelivery.OPTIONS);
    }
  }

  PreparedEvent prepare(Event event) {
    List<TextFrame> frames = new ArrayList<>(event.topics().size());
    for (Topic topic : event.topics()) {
      frames.add(encoder.event(event.type(), topic.value(), event.dataJson()));
    }
    return new PreparedEvent(event.topics(), frames);
  }
}
