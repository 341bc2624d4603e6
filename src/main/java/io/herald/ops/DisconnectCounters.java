package io.herald.ops;

import io.herald.protocol.CloseCode;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many connections this node closed, by close code (slow consumer, heartbeat, token expiry,
 * ...). Shared by the node's event loops. The metrics issue exposes these to Prometheus; until
 * then they appear in the admin endpoint.
 */
public final class DisconnectCounters {
  private final Map<CloseCode, AtomicLong> counts = new EnumMap<>(CloseCode.class);

  public DisconnectCounters() {
    for (CloseCode code : CloseCode.values()) {
      counts.put(code, new AtomicLong());
    }
  }

  public void closed(CloseCode code) {
    counts.get(code).incrementAndGet();
  }

  public long count(CloseCode code) {
    return counts.get(code).get();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    counts.forEach((code, count) -> json.put(code.name(), count.get()));
    return json;
  }
}
