package io.herald.gateway;

import io.herald.config.Settings;
import io.herald.ingest.EventPublisher;
import io.herald.ops.NodeState;
import io.herald.session.Session.SessionCodecs;
import io.herald.session.InterestGate;
import io.herald.stream.Streams;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import io.herald.auth.KeyMaterial;
import io.herald.ops.DisconnectCounters;
import io.herald.ops.HeraldMetrics;

/**
 * What every gateway verticle instance of a node shares: thread-safe services and immutable
 * settings, built once by the main verticle and passed in constructors.
 *
 * @param settings the node's settings, with the JWT secret resolved (configured or generated)
 * @param interestGates makes each event loop's interest gate (local, or talking to the cluster)
 * @param quotas the node-wide connection caps
 * @param disconnects connections this node closed, by close code
 * @param metrics every meter of the node
 * @param keys the current signing keys (replaced when the key files are read again)
 * @param demo the demo tokens, when the node runs in demo mode
 * @param streams the customer streams, when history is on
 */
public record NodeServices(
    Settings settings,
    NodeState state,
    EventPublisher publisher,
    SessionCodecs codecs,
    Function<EventBus, InterestGate> interestGates,
    ConnectionQuotas quotas,
    DisconnectCounters disconnects,
    HeraldMetrics metrics,
    Supplier<KeyMaterial> keys,
    Clock clock,
    Optional<DemoTokens> demo,
    Optional<Streams> streams) {
  /** Connection caps shared by every event loop of a node. */
  public static ConnectionQuotas quotas(int maxTotal, int maxPerCustomer) {
    return new ConnectionQuotas(maxTotal, maxPerCustomer);
  }
}
