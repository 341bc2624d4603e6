package io.herald;

import io.herald.config.Settings;
import io.herald.config.SettingsLoader;
import io.herald.gateway.DemoBanner;
import io.herald.gateway.GatewayVerticle;
import io.herald.gateway.NodeServices;
import io.herald.ingest.EventBusIngest;
import io.herald.ingest.EventParser;
import io.herald.ingest.EventPublisher;
import io.herald.ingest.LocalDelivery;
import io.herald.ops.NodeState;
import io.herald.session.Session.SessionCodecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Herald's main verticle, the one the launcher starts: it reads the settings, builds the
 * node-wide services, and deploys one {@link GatewayVerticle} per event loop.
 */
public final class HeraldVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(HeraldVerticle.class.getName());
  private final Settings preset;
  private final NodeState state = new NodeState();
  private final List<GatewayVerticle> gateways = new CopyOnWriteArrayList<>();
  private Settings settings;

  /** Used by the launcher: settings come from conf/config.json, -conf and the environment. */
  public HeraldVerticle() {
    this(null);
  }

  /** Used when embedding and in tests: exactly these settings. */
  public HeraldVerticle(Settings settings) {
    this.preset = settings;
  }

  @Override
  public Future<?> start() {
    Future<Settings> loaded =
        preset != null ? Future.succeededFuture(preset) : SettingsLoader.load(vertx, config());
    return loaded.compose(this::startNode);
  }

  private Future<?> startNode(Settings configured) {
    boolean demo = configured.jwtSecret().isEmpty();
    settings = demo ? configured.withJwtSecret(randomSecret()) : configured;
    SessionCodecs codecs = SessionCodecs.create();
    EventPublisher publisher = new EventPublisher(vertx.eventBus(), codecs.encoder());
    LocalDelivery.registerCodec(vertx.eventBus());
    NodeServices node =
        new NodeServices(settings, state, publisher, codecs, Clock.systemUTC());
    EventBusIngest ingest = new EventBusIngest(
        new EventParser(settings.publishMaxEvents()), publisher, codecs.encoder());
    return vertx
        .deployVerticle(
            () -> {
              GatewayVerticle gateway = new GatewayVerticle(node);
              gateways.add(gateway);
              return gateway;
            },
            new DeploymentOptions().setInstances(settings.eventLoops()))
        .compose(id -> ingest.register(vertx.eventBus()))
        .onSuccess(consumer -> {
          state.serving();
          LOG.info(() -> "Herald serving on http://" + settings.httpHost() + ":" + httpPort()
              + " with " + settings.eventLoops() + " event loops");
          if (demo) {
            new DemoBanner(vertx, settings.jwtSecret().orElseThrow(), httpPort()).print();
          }
        });
  }

  @Override
  public Future<?> stop() {
    state.drain();
    LocalDelivery.unregisterCodec(vertx.eventBus());
    return Future.succeededFuture();
  }

  /** The port the node listens on (the real one when configured with 0). */
  public int httpPort() {
    return gateways.get(0).actualPort();
  }

  public NodeState state() {
    return state;
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
