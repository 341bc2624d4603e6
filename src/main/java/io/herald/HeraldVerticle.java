package io.herald;

import io.herald.auth.KeyFiles;
import io.herald.auth.KeyMaterial;
import io.herald.auth.TokenVerifier;
import io.herald.cluster.ClusterInterestGate;
import io.herald.cluster.ClusterVerticle;
import io.herald.cluster.CustomerSequencer;
import io.herald.cluster.EventBusInterestExchange;
import io.herald.cluster.EventBusTransport;
import io.herald.cluster.HazelcastMembership;
import io.herald.cluster.InterestPolicy;
import io.herald.config.Settings;
import io.herald.config.SettingsLoader;
import io.herald.gateway.DemoBanner;
import io.herald.gateway.DemoTokens;
import io.herald.gateway.GatewayVerticle;
import io.herald.gateway.NodeServices;
import io.herald.ingest.EventBusIngest;
import io.herald.ingest.EventParser;
import io.herald.ingest.EventPublisher;
import io.herald.ingest.LocalDelivery;
import io.herald.ingest.PreparedBatch;
import io.herald.ingest.PreparedEvent;
import io.herald.gateway.ConnectionQuotas;
import io.herald.ops.AdminRoutes;
import io.herald.ops.DisconnectCounters;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.JsonLogFormatter;
import io.herald.ops.LogRedaction;
import io.herald.ops.NodeState;
import io.herald.session.InterestGate;
import io.herald.session.Session.SessionCodecs;
import io.herald.stream.History;
import io.herald.stream.LocalStreams;
import io.herald.stream.Streams;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Herald's main verticle, the one the launcher starts: it reads the settings, builds the
 * node-wide services, deploys the cluster verticle when Vert.x is clustered, then one
 * {@link GatewayVerticle} per event loop.
 */
public final class HeraldVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(HeraldVerticle.class.getName());

  private final Settings preset;
  private final HeraldMetrics metrics;
  private final NodeState state = new NodeState();
  private final List<GatewayVerticle> gateways = new CopyOnWriteArrayList<>();
  private final AtomicReference<KeyMaterial> keys = new AtomicReference<>();
  private Settings settings;
  private ClusterVerticle cluster;
  /** The Hazelcast customer streams, when clustered with history on. */
  private CustomerSequencer sequencer;
  /** One of N instances of a `-instances N` deployment that left the node to the first. */
  private boolean standby;

  /** Used by the launcher: settings come from conf/config.json, -conf and the environment. */
  public HeraldVerticle() {
    this(null, HeraldMetrics.create());
  }

  /** Used when embedding: exactly these settings; Herald's meters on a registry of their own. */
  public HeraldVerticle(Settings settings) {
    this(settings, HeraldMetrics.create());
  }

  /**
   * Exactly these settings and meters; pass the same {@code metrics} to the Vert.x builder
   * ({@link HeraldMetrics#vertxMetrics()}) to have Vert.x's own metrics on the same registry.
   */
  public HeraldVerticle(Settings settings, HeraldMetrics metrics) {
    this.preset = settings;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    LogRedaction.apply();
    int instances = context.getInstanceCount();
    if (instances > 1) {
      // Deployed N times (the classic `vertx run ... -instances N`): one node per Vert.x
      // instance, with N event loops; the other N-1 instances stand by and do nothing.
      boolean first = vertx.sharedData().getLocalMap("herald").putIfAbsent("node", deploymentID()) == null;
      if (!first) {
        standby = true;
        return Future.succeededFuture();
      }
    }
    Future<Settings> loaded =
        preset != null ? Future.succeededFuture(preset) : SettingsLoader.load(vertx, config());
    return loaded
        .map(settings -> instances > 1 ? settings.withEventLoops(instances) : settings)
        .compose(this::startNode);
  }

  private Future<?> startNode(Settings configured) {
    boolean clustered = vertx.isClustered();
    boolean demo = configured.demoMode();
    if (clustered && demo) {
      return Future.failedFuture("a clustered node needs HERALD_JWT_SECRET, the same on every node");
    }
    settings = demo ? configured.withJwtSecret(randomSecret()) : configured;
    return loadKeys().compose(v -> startServices(clustered, demo));
  }

  /** Reads the key files off the event loop, checks them, and reads them again periodically. */
  private Future<Void> loadKeys() {
    String secret = settings.jwtSecret().orElse(null);
    List<String> files = settings.jwtPublicKeys();
    return vertx.executeBlocking(() -> KeyFiles.load(secret, files))
        .map(loaded -> {
          TokenVerifier.check(vertx, loaded);
          keys.set(loaded);
          if (!files.isEmpty() && settings.jwtKeysReloadMillis() > 0) {
            vertx.setPeriodic(settings.jwtKeysReloadMillis(), id -> reloadKeys(secret, files));
          }
          return null;
        });
  }

  /** A broken file in the middle of a rotation keeps the keys in force, and says so. */
  private void reloadKeys(String secret, List<String> files) {
    vertx.executeBlocking(() -> {
      KeyMaterial loaded = KeyFiles.load(secret, files);
      TokenVerifier.check(vertx, loaded);
      return loaded;
    }).onSuccess(loaded -> {
      if (!loaded.equals(keys.get())) {
        keys.set(loaded);
        LOG.info("signing keys reloaded: " + loaded.publicKeys().size() + " public key(s)");
      }
    }).onFailure(failure -> LOG.warning("keeping the current keys: " + failure.getMessage()));
  }

  private Future<?> startServices(boolean clustered, boolean demo) {
    EventBus bus = vertx.eventBus();
    SessionCodecs codecs = SessionCodecs.create();
    History.Limits limits = new History.Limits(
        settings.history().size(), settings.history().ttlSeconds() * 1000L);
    Streams streams = settings.history().enabled() ? streams(clustered, limits) : null;
    EventPublisher publisher = new EventPublisher(bus, codecs.encoder(), clustered, metrics, streams);
    LocalDelivery.registerCodec(bus);
    InterestPolicy policy = new InterestPolicy(settings.cluster().interest());
    Function<EventBus, InterestGate> gates =
        clustered ? eventBus -> new ClusterInterestGate(eventBus, policy) : eventBus -> InterestGate.LOCAL;
    ConnectionQuotas quotas =
        NodeServices.quotas(settings.maxConnections(), settings.maxConnectionsPerCustomer());
    DisconnectCounters disconnects = new DisconnectCounters();
    metrics.connectionsOpen(quotas::open);
    metrics.disconnects(disconnects);
    Optional<DemoTokens> demoTokens = demo
        ? Optional.of(DemoTokens.issue(vertx, settings.jwtSecret().orElseThrow()))
        : Optional.empty();
    NodeServices node = new NodeServices(settings, state, publisher, codecs, gates, quotas,
        disconnects, metrics, keys::get, Clock.systemUTC(), demoTokens, Optional.ofNullable(streams));
    EventBusIngest ingest = new EventBusIngest(
        new EventParser(settings.publishMaxEvents(), streams != null), publisher, codecs.encoder(), state);
    if (streams != null) {
      describeStreams(bus, streams);
      vertx.setPeriodic(limits.sweepEveryMillis(), id -> vertx.executeBlocking(() -> {
        streams.expire();
        return null;
      }, false));
    }
    // Gateways first, so that health answers (503) while the cluster verticle fetches the
    // other nodes' interest; no client is admitted before the node is serving.
    return vertx
        .deployVerticle(
            () -> {
              GatewayVerticle gateway = new GatewayVerticle(node, gateways.size());
              gateways.add(gateway);
              return gateway;
            },
            new DeploymentOptions().setInstances(settings.eventLoops()))
        .compose(id -> clustered ? deployCluster() : Future.succeededFuture())
        .compose(id -> ingest.register(bus))
        .onSuccess(consumer -> {
          state.serving();
          LOG.info(() -> "Herald serving on http://" + settings.httpHost() + ":" + httpPort()
              + " with " + settings.eventLoops() + " event loops"
              + (clustered ? " in cluster '" + settings.cluster().name() + "' as node " + nodeId() : ""));
          demoTokens.ifPresent(tokens -> new DemoBanner(tokens, httpPort()).print());
        });
  }

  /**
   * Customer streams: in Hazelcast when clustered (sequenced where each customer's partition
   * lives), else in this process, delivering straight to the event loops.
   */
  private Streams streams(boolean clustered, History.Limits limits) {
    if (clustered) {
      sequencer = new CustomerSequencer(hazelcast().getHazelcastInstance(), limits);
      return sequencer;
    }
    EventBus bus = vertx.eventBus();
    return new LocalStreams(limits, Clock.systemUTC(), (customer, appended) ->
        LocalDelivery.deliver(bus, new PreparedBatch(PreparedEvent.all(customer, appended))));
  }

  /** Answers the admin endpoint for one customer stream. */
  private void describeStreams(EventBus bus, Streams streams) {
    bus.<String>localConsumer(AdminRoutes.STREAM, message -> {
      UUID customer = UUID.fromString(message.body());
      Future.fromCompletionStage(streams.read(customer, Long.MAX_VALUE), context)
          .onSuccess(window -> message.reply(new JsonObject().put("customer", customer.toString())
              .put("epoch", window.epoch()).put("head", window.next() - 1)
              .put("oldest", window.oldest())
              .put("sequencer", sequencer != null ? sequencer.sequencerOf(customer) : "this node")))
          .onFailure(failure -> message.fail(503, failure.getMessage()));
    });
  }

  private HazelcastClusterManager hazelcast() {
    if (!(((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager manager)) {
      throw new IllegalStateException("Herald clusters with the Hazelcast cluster manager only");
    }
    return manager;
  }

  /** Joins the routing layer: it holds the other nodes' interest before any client is served. */
  private Future<?> deployCluster() {
    HazelcastClusterManager manager = hazelcast();
    String self = manager.getNodeId();
    JsonLogFormatter.nodeIs(self);
    EventBusTransport.registerCodec(vertx.eventBus());
    cluster = new ClusterVerticle(settings.cluster(),
        new HazelcastMembership(manager.getHazelcastInstance(), self),
        new EventBusInterestExchange(vertx.eventBus(), self, 5_000),
        new EventBusTransport(vertx.eventBus(), self), metrics, sequencer);
    return vertx.deployVerticle(cluster);
  }

  @Override
  public Future<?> stop() {
    if (standby) {
      return Future.succeededFuture();
    }
    // Released so that a later deployment in this Vert.x instance can start a node again.
    vertx.sharedData().getLocalMap("herald").remove("node", deploymentID());
    state.drain();
    LocalDelivery.unregisterCodec(vertx.eventBus());
    if (cluster != null) {
      EventBusTransport.unregisterCodec(vertx.eventBus());
    }
    return Future.succeededFuture();
  }

  /** The port the node listens on (the real one when configured with 0). */
  public int httpPort() {
    return gateways.get(0).actualPort();
  }

  public NodeState state() {
    return state;
  }

  /** The cluster verticle, or null on a single node. */
  public ClusterVerticle cluster() {
    return cluster;
  }

  private String nodeId() {
    return ((VertxInternal) vertx).clusterManager().getNodeId();
  }

  /** The effective settings, with the secret resolved. Available once started. */
  public Settings settings() {
    return settings;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
