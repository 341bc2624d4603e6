package io.herald.cluster;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link InterestExchange} over the clustered event bus: request/reply to a per-node address for
 * deltas and snapshots, publish to one shared address for digests. Interest changes are rare
 * next to events, so plain JSON is fine here.
 */
public final class EventBusInterestExchange implements InterestExchange {
  static final String DIGESTS = "herald.cluster.digests";

  private final EventBus bus;
  private final String self;
  private final DeliveryOptions requests;

  public EventBusInterestExchange(EventBus bus, String self, long timeoutMillis) {
    this.bus = bus;
    this.self = self;
    this.requests = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  static String address(String node) {
    return "herald.node." + node + ".interest";
  }

  @Override
  public Future<Void> push(String node, InterestDelta delta) {
    JsonObject body = new JsonObject().put("op", "delta").put("node", delta.node())
        .put("version", delta.version()).put("add", delta.add()).put("prefix", delta.prefix());
    return bus.request(address(node), body, requests).mapEmpty();
  }

  @Override
  public Future<InterestSnapshot> pull(String node) {
    return bus.<JsonObject>request(address(node), new JsonObject().put("op", "snapshot"), requests)
        .map(reply -> snapshot(reply.body()));
  }

  @Override
  public void broadcast(InterestDigest digest) {
    bus.publish(DIGESTS, new JsonObject().put("node", digest.node())
        .put("version", digest.version()).put("count", digest.prefixCount()));
  }

  @Override
  public Future<Void> serve(Service service) {
    MessageConsumer<JsonObject> requestsIn =
        bus.consumer(address(self), message -> answer(service, message));
    MessageConsumer<JsonObject> digestsIn = bus.consumer(DIGESTS, message -> {
      JsonObject body = message.body();
      if (!self.equals(body.getString("node"))) {
        service.onDigest(new InterestDigest(body.getString("node"), body.getLong("version"),
            body.getInteger("count")));
      }
    });
    return Future.all(requestsIn.completion(), digestsIn.completion()).mapEmpty();
  }

  private static void answer(Service service, Message<JsonObject> message) {
    JsonObject body = message.body();
    try {
      if ("snapshot".equals(body.getString("op"))) {
        InterestSnapshot snapshot = service.snapshot();
        message.reply(new JsonObject().put("node", snapshot.node()).put("version", snapshot.version())
            .put("prefixes", new JsonArray(java.util.List.copyOf(snapshot.prefixes()))));
        return;
      }
      InterestDelta delta = new InterestDelta(body.getString("node"), body.getLong("version"),
          body.getBoolean("add"), body.getString("prefix"));
      service.onDelta(delta).onComplete(
          done -> message.reply(null),
          failure -> message.fail(500, failure.getMessage()));
    } catch (RuntimeException e) {
      message.fail(400, "bad interest message: " + e.getMessage());
    }
  }

  private static InterestSnapshot snapshot(JsonObject body) {
    Set<String> prefixes = new HashSet<>();
    for (Object prefix : body.getJsonArray("prefixes")) {
      prefixes.add((String) prefix);
    }
    return new InterestSnapshot(body.getString("node"), body.getLong("version"), prefixes);
  }
}
