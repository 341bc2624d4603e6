package io.herald.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The node-local event-bus address on which every gateway verticle instance receives
 * {@link PreparedBatch}es. The codec passes the object by reference: the frames are encoded once
 * and never copied between event loops.
 */
public final class LocalDelivery {
  public static final String ADDRESS = "herald.internal.deliver";
  static final String CODEC = "herald.prepared-batch";
  static final DeliveryOptions OPTIONS =
      new DeliveryOptions().setLocalOnly(true).setCodecName(CODEC);

  private LocalDelivery() {}

  /** Hands {@code batch} to every gateway verticle of this node. */
  public static void deliver(EventBus bus, PreparedBatch batch) {
    bus.publish(ADDRESS, batch, OPTIONS);
  }

  public static void registerCodec(EventBus bus) {
    bus.registerCodec(new PassThroughCodec());
  }

  public static void unregisterCodec(EventBus bus) {
    bus.unregisterCodec(CODEC);
  }

  private static final class PassThroughCodec implements MessageCodec<PreparedBatch, PreparedBatch> {
    @Override
    public void encodeToWire(Buffer buffer, PreparedBatch batch) {
      throw new UnsupportedOperationException("prepared events never leave the node");
    }

    @Override
    public PreparedBatch decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("prepared events never leave the node");
    }

    @Override
    public PreparedBatch transform(PreparedBatch batch) {
      return batch;
    }

    @Override
    public String name() {
      return CODEC;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
