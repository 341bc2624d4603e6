package io.herald.cluster;

import io.herald.session.InterestGate;
import io.herald.topic.Topic;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One event loop's side of the node's interest. Counts its sessions' holds per advertised prefix
 * and tells the {@link ClusterVerticle} only when its own count goes 0 -> 1 or back, so the
 * node-wide table sees one holder per event loop. Owned by one gateway verticle's event loop.
 */
public final class ClusterInterestGate implements InterestGate {
  private final EventBus bus;
  private final InterestPolicy policy;
  private final Map<String, Integer> holds = new HashMap<>();

  public ClusterInterestGate(EventBus bus, InterestPolicy policy) {
    this.bus = bus;
    this.policy = policy;
  }

  @Override
  public void acquire(Topic topic) {
    String prefix = policy.advertised(topic).value();
    if (holds.merge(prefix, 1, Integer::sum) == 1) {
      tell("acquire", List.of(prefix));
    }
  }

  @Override
  public void release(Topic topic) {
    String prefix = policy.advertised(topic).value();
    Integer left = holds.computeIfPresent(prefix, (p, count) -> count == 1 ? null : count - 1);
    if (left == null) {
      tell("release", List.of(prefix));
    }
  }

  @Override
  public void whenLive(Collection<Topic> topics, Runnable callback) {
    if (topics.isEmpty()) {
      callback.run();
      return;
    }
    Set<String> prefixes = new LinkedHashSet<>();
    topics.forEach(topic -> prefixes.add(policy.advertised(topic).value()));
    // Sent after the acquires of the same request, and the event bus keeps that order.
    bus.request(ClusterVerticle.INTEREST, message("live", prefixes))
        .onComplete(reply -> callback.run());
  }

  private void tell(String op, Collection<String> prefixes) {
    bus.send(ClusterVerticle.INTEREST, message(op, prefixes));
  }

  private static JsonObject message(String op, Collection<String> prefixes) {
    return new JsonObject().put("op", op).put("prefixes", new JsonArray(new ArrayList<>(prefixes)));
  }
}
