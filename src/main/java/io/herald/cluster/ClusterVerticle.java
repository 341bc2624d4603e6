package io.herald.cluster;

import io.herald.config.ClusterSettings;
import io.herald.ingest.EventPublisher;
import io.herald.ingest.LocalDelivery;
import io.herald.ingest.PreparedBatch;
import io.herald.ingest.PreparedEvent;
import io.herald.ops.AdminRoutes;
import io.herald.ops.HealthRoutes;
import io.herald.ops.HeraldMetrics;
import io.herald.stream.History;
import io.herald.topic.TopicParser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's one link to the cluster. It owns this node's interest ({@link NodeInterest}) and
 * the mirror of everyone else's ({@link InterestTable}); it routes each event accepted here to
 * the nodes that want it, and hands events routed here to the local event loops. A single
 * instance per node; everything runs on its context.
 */
public final class ClusterVerticle extends VerticleBase implements InterestExchange.Service {
  /** Local: acquire/release/live requests from the gateway event loops. */
  public static final String INTEREST = "herald.internal.interest";

  private static final Logger LOG = Logger.getLogger(ClusterVerticle.class.getName());
  private static final int PUSH_ATTEMPTS = 3;
  private static final long PUSH_RETRY_MILLIS = 200;

  private final ClusterSettings settings;
  private final Membership membership;
  private final InterestExchange exchange;
  private final NodeTransport transport;
  private final NodeInterest own;
  private final HeraldMetrics metrics;
  private final InterestTable table = new InterestTable();
  /** This node's own interest as a routing table, for customer streams routed to itself. */
  private final InterestTable local = new InterestTable();
  /** Null when history is off. */
  private final CustomerSequencer sequencer;
  private StreamRouter streams;
  private long eventsRouted;
  private long nodeSends;

  /** @param sequencer the customer streams, when history is on; null otherwise */
  public ClusterVerticle(ClusterSettings settings, Membership membership,
      InterestExchange exchange, NodeTransport transport, HeraldMetrics metrics,
      CustomerSequencer sequencer) {
    this.sequencer = sequencer;
    this.settings = settings;
    this.metrics = metrics;
    this.membership = membership;
    this.exchange = exchange;
    this.transport = transport;
    this.own = new NodeInterest(membership.self());
    metrics.cluster(() -> membership.peers().size() + 1, own::size);
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<PreparedBatch>localConsumer(
        EventPublisher.ROUTE, message -> message.body().events().forEach(this::route));
    vertx.eventBus().<JsonObject>localConsumer(INTEREST, this::onLocalInterest);
    vertx.eventBus().localConsumer(AdminRoutes.DESCRIBE, message -> describe().onSuccess(message::reply));
    vertx.eventBus().localConsumer(HealthRoutes.INTEREST_IN_SYNC,
        message -> message.reply(membership.peers().stream().allMatch(table::knows)));
    membership.listen(new Membership.Listener() {
      @Override
      public void joined(String node) {
        context.runOnContext(v -> refresh(node));
      }

      @Override
      public void left(String node) {
        context.runOnContext(v -> {
          table.drop(node);
          if (streams != null) {
            streams.nodeLeft(node);
          }
        });
      }
    });
    if (sequencer != null) {
      streams = new StreamRouter(membership.self(), context, transport, this::interestedNodes,
          sequencer, events -> LocalDelivery.deliver(vertx.eventBus(), new PreparedBatch(events)),
          metrics);
    }
    return transport
        .receive(event -> {
          if (event.stamp() != null && streams != null) {
            streams.receive(event);
          } else {
            LocalDelivery.deliver(vertx.eventBus(), PreparedBatch.of(event));
          }
        })
        .compose(v -> exchange.serve(this))
        .compose(v -> syncWithEveryPeer())
        .onSuccess(v -> {
          if (streams != null) {
            // Only now does the table know who wants what: what this member sequenced since it
            // joined was held until here.
            sequencer.onSequenced(streams::sequenced);
            History.Limits limits = sequencer.limits();
            vertx.setPeriodic(limits.sweepEveryMillis(), id -> streams.forgetIdle(limits.ttlMillis()));
          }
          vertx.setPeriodic(settings.antiEntropyMillis(), id -> antiEntropy());
        });
  }

  /** What an operator wants to see of the routing state (the admin endpoint). */
  public Future<JsonObject> describe() {
    Promise<JsonObject> promise = Promise.promise();
    context.runOnContext(v -> {
      JsonObject nodes = new JsonObject();
      nodes.put(membership.self(), new JsonObject().put("self", true)
          .put("prefixes", own.size()).put("version", own.version()));
      for (String node : table.nodes()) {
        nodes.put(node, new JsonObject().put("self", false)
            .put("prefixes", table.prefixCount(node)).put("version", table.version(node)));
      }
      promise.complete(new JsonObject().put("clustered", true).put("node", membership.self())
          .put("members", new ArrayList<>(membership.peers())).put("interest", nodes)
          .put("routes", table.routeCount()).put("eventsRouted", eventsRouted)
          .put("nodeSends", nodeSends)
          .put("streamCustomers", streams == null ? 0 : streams.customers()));
    });
    return promise.future();
  }

  public String nodeId() {
    return membership.self();
  }

  /** The nodes an event on {@code topic} published here would be sent to. */
  public Future<Set<String>> wouldRoute(String topic) {
    Promise<Set<String>> promise = Promise.promise();
    context.runOnContext(v -> promise.complete(
        table.interestedNodes(List.of(TopicParser.event(topic)))));
    return promise.future();
  }

  private void route(PreparedEvent event) {
    eventsRouted++;
    for (String node : table.interestedNodes(event.topics())) {
      nodeSends++;
      metrics.eventForwarded();
      transport.send(node, event);
    }
  }

  /** The nodes that want an event, this one included when a local subscription matches. */
  private Set<String> interestedNodes(List<io.herald.topic.Topic> topics) {
    Set<String> nodes = table.interestedNodes(topics);
    if (!local.interestedNodes(topics).isEmpty()) {
      nodes.add(membership.self());
    }
    return nodes;
  }

  private void onLocalInterest(Message<JsonObject> message) {
    JsonObject body = message.body();
    List<String> prefixes = new ArrayList<>();
    body.getJsonArray("prefixes").forEach(p -> prefixes.add((String) p));
    switch (body.getString("op")) {
      case "acquire" -> prefixes.forEach(prefix -> announce(own.acquire(prefix)));
      case "release" -> prefixes.forEach(this::release);
      case "live" -> own.whenLive(prefixes, () -> message.reply(null));
      default -> LOG.warning("unknown interest operation " + body.getString("op"));
    }
  }

  private void release(String prefix) {
    if (!own.release(prefix)) {
      return;
    }
    if (settings.removalGraceMillis() == 0) {
      announce(own.expire(prefix));
    } else {
      vertx.setTimer(settings.removalGraceMillis(), id -> announce(own.expire(prefix)));
    }
  }

  /** Pushes a change to every current peer; an add is confirmed when all have applied it. */
  private void announce(InterestDelta delta) {
    if (delta == null) {
      return;
    }
    local.apply(delta);
    List<Future<Void>> pushes = new ArrayList<>();
    for (String peer : membership.peers()) {
      pushes.add(push(peer, delta, 1));
    }
    Future.join(pushes).onComplete(done -> own.confirmed(delta));
  }

  /** A peer that cannot be reached is left to anti-entropy (or to its removal from the cluster). */
  private Future<Void> push(String peer, InterestDelta delta, int attempt) {
    return exchange.push(peer, delta).recover(failure -> {
      if (attempt >= PUSH_ATTEMPTS || !membership.peers().contains(peer)) {
        LOG.log(Level.FINE, "interest change not confirmed by " + peer, failure);
        return Future.succeededFuture();
      }
      Promise<Void> retried = Promise.promise();
      vertx.setTimer(PUSH_RETRY_MILLIS, id -> push(peer, delta, attempt + 1).onComplete(retried));
      return retried.future();
    });
  }

  @Override
  public Future<Void> onDelta(InterestDelta delta) {
    if (!membership.peers().contains(delta.node())) {
      return Future.succeededFuture(); // late news from a node that has left
    }
    if (table.apply(delta) == InterestTable.Outcome.GAP) {
      return refresh(delta.node());
    }
    return Future.succeededFuture();
  }

  @Override
  public InterestSnapshot snapshot() {
    return own.snapshot();
  }

  @Override
  public void onDigest(InterestDigest digest) {
    if (!membership.peers().contains(digest.node())) {
      return;
    }
    long known = table.version(digest.node());
    boolean behind = known < digest.version();
    boolean diverged = known == digest.version() && table.prefixCount(digest.node()) != digest.prefixCount();
    if (behind || diverged || !table.knows(digest.node())) {
      refresh(digest.node());
    }
  }

  /**
   * Replaces the mirror of {@code node} with its snapshot. Never fails: a node that cannot answer
   * yet (it is starting and has no clients) is asked again by the next anti-entropy round.
   */
  private Future<Void> refresh(String node) {
    return exchange.pull(node)
        .onSuccess(snapshot -> {
          if (membership.peers().contains(node)) {
            table.replace(snapshot);
          }
        })
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.log(Level.FINE, "no snapshot from " + node + " yet", failure);
          return Future.succeededFuture();
        });
  }

  private Future<Void> syncWithEveryPeer() {
    List<Future<Void>> pulls = new ArrayList<>();
    for (String peer : membership.peers()) {
      pulls.add(refresh(peer));
    }
    return Future.join(pulls).mapEmpty();
  }

  private void antiEntropy() {
    exchange.broadcast(new InterestDigest(membership.self(), own.version(), own.size()));
    Set<String> peers = membership.peers();
    for (String node : table.nodes()) {
      if (!peers.contains(node)) {
        table.drop(node);
      }
    }
    for (String peer : peers) {
      if (!table.knows(peer)) {
        refresh(peer);
      }
    }
  }
}
