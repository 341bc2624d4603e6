package io.herald.cluster;

import io.herald.ingest.PreparedEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * {@link NodeTransport} over the clustered event bus: one address per node, so an event is sent
 * point-to-point, once per interested node. One consumer per node, never per subscription.
 */
public final class EventBusTransport implements NodeTransport {
  private static final DeliveryOptions WIRE = new DeliveryOptions().setCodecName(PreparedEventWireCodec.NAME);

  private final EventBus bus;
  private final String self;

  public EventBusTransport(EventBus bus, String self) {
    this.bus = bus;
    this.self = self;
  }

  static String address(String node) {
    return "herald.node." + node + ".events";
  }

  /** Registers the wire codec; once per Vert.x instance. */
  public static void registerCodec(EventBus bus) {
    bus.registerCodec(new PreparedEventWireCodec());
  }

  public static void unregisterCodec(EventBus bus) {
    bus.unregisterCodec(PreparedEventWireCodec.NAME);
  }

  @Override
  public void send(String node, PreparedEvent event) {
    bus.send(address(node), event, WIRE);
  }

  @Override
  public Future<Void> receive(Handler<PreparedEvent> handler) {
    MessageConsumer<PreparedEvent> consumer =
        bus.consumer(address(self), message -> handler.handle(message.body()));
    return consumer.completion();
  }
}
