package io.herald.gateway;

import io.herald.auth.TokenVerifier;
import io.herald.config.Settings;
import io.herald.ingest.EventParser;
import io.herald.ingest.LocalDelivery;
import io.herald.ingest.PreparedBatch;
import io.herald.ingest.PreparedEvent;
import io.herald.ingest.PublishHandler;
import io.herald.ops.AdminRoutes;
import io.herald.ops.HealthRoutes;
import io.herald.protocol.CloseCode;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.TextFrame;
import io.herald.session.Session;
import io.herald.session.SessionLimits;
import io.herald.session.StreamReader;
import io.herald.stream.StreamPosition;
import io.herald.stream.StreamStamp;
import io.herald.stream.Streams;
import io.herald.topic.SubscriptionTrie;
import io.herald.topic.Topic;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the node: its HTTP/WebSocket server instance (Vert.x spreads
 * connections over the instances), its sessions and its own subscription trie. Shares nothing
 * with the other instances; events arrive already encoded on {@link LocalDelivery#ADDRESS}.
 * Everything here runs on this verticle's event loop.
 */
public final class GatewayVerticle extends VerticleBase {
  private final NodeServices node;
  private final SubscriptionTrie<Session> trie = new SubscriptionTrie<>();
  private final Set<Session> sessions = new HashSet<>();
  private HttpServer server;
  /** Per customer, the newest stream position this loop delivered (for drain frames). */
  private final Map<UUID, StreamPosition> heads = new HashMap<>();
  /** Numbers the events this instance delivers, for the once-per-session check. */
  private long eventSequence;

  private final int loop;

  /** @param loop this instance's index among the node's event loops, for metric labels */
  public GatewayVerticle(NodeServices node, int loop) {
    this.node = node;
    this.loop = loop;
  }

  @Override
  public Future<?> start() {
    Settings settings = node.settings();
    TokenVerifier verifier =
        new TokenVerifier(vertx, node.keys(), settings.jwtClockSkewSeconds(), node.clock());
    HttpErrors errors = new HttpErrors(node.codecs().encoder());
    SessionLimits limits = new SessionLimits(
        settings.maxSubscriptions(), settings.controlRate(), settings.controlBurst());

    Router router = Router.router(vertx);
    HealthRoutes.mount(router, vertx, node.state());
    router.get("/metrics").handler(node.metrics().scrapeHandler());
    node.metrics().subscriptions(loop, trie::size);
    AdminRoutes.mount(router, verifier, vertx.eventBus(), node.disconnects());
    router.get("/v1.0/ws").handler(new WebSocketEndpoint(vertx, node, verifier, trie, sessions,
        limits, node.interestGates().apply(vertx.eventBus()),
        node.streams().map(this::reader).orElse(null)));
    router.post("/v1.0/events")
        .handler(BodyHandler.create(false).setBodyLimit(settings.publishMaxBytes()))
        .handler(new PublishHandler(verifier,
            new EventParser(settings.publishMaxEvents(), node.publisher().sequencesByCustomer()),
            node.publisher(), node.state()));
    ConsoleRoutes.mount(router, node.demo(), errors);
    router.route().last().handler(ctx -> errors.send(ctx, ErrorReason.NOT_FOUND, "no such resource"));
    router.route().failureHandler(errors::handle);

    vertx.eventBus().<PreparedBatch>localConsumer(LocalDelivery.ADDRESS,
        m -> m.body().events().forEach(this::deliver));
    // One timer per event loop, not one per connection.
    long idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idleTimeoutMillis());
    vertx.setPeriodic(settings.pingIntervalMillis(), id -> heartbeat(idleNanos));
    measureEventLoopDelay(node.metrics().eventLoopDelay(loop));

    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.httpHost())
        // A negative port makes all instances share one server on a random port; 0 would give
        // each instance its own.
        .setPort(settings.httpPort() == 0 ? -1 : settings.httpPort())
        // No permessage-deflate: every socket gets the same bytes (compressing per connection
        // would undo encode-once), and the extension handler would sit in every write's path.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxWebSocketFrameSize(settings.maxMessageBytes())
        .setMaxWebSocketMessageSize(settings.maxMessageBytes())
        .setWebSocketClosingTimeout(Math.max(1, settings.shutdownGraceMillis() / 1000));
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  /** Reads history for this loop's sessions, answering on this loop. */
  private StreamReader reader(Streams streams) {
    Context loopContext = context;
    return (customer, offset, then) -> Future.fromCompletionStage(streams.read(customer, offset), loopContext)
        .onComplete(read -> then.accept(read.result(), read.cause()));
  }

  /** The port this node actually listens on. */
  public int actualPort() {
    return server.actualPort();
  }

  private void deliver(PreparedEvent event) {
    long sequence = ++eventSequence;
    List<Topic> topics = event.topics();
    StreamStamp stamp = event.stamp();
    if (stamp != null) {
      heads.put(stamp.customer(), stamp.position());
    }
    int[] sent = {0};
    for (int i = 0; i < topics.size(); i++) {
      TextFrame frame = event.frames().get(i);
      trie.forEachMatch(topics.get(i), session -> {
        if (session.deliver(frame, sequence, stamp)) {
          sent[0]++;
        }
      });
    }
    node.metrics().framesDelivered(sent[0]);
    node.metrics().deliveredSince(event.acceptedNanos());
  }

  private void measureEventLoopDelay(io.micrometer.core.instrument.Timer delay) {
    long periodNanos = TimeUnit.MILLISECONDS.toNanos(100);
    long[] due = {System.nanoTime() + periodNanos};
    vertx.setPeriodic(100, id -> {
      long now = System.nanoTime();
      delay.record(Math.max(0, now - due[0]), TimeUnit.NANOSECONDS);
      due[0] = now + periodNanos;
    });
  }

  private void heartbeat(long idleNanos) {
    long now = System.nanoTime();
    for (Session session : new ArrayList<>(sessions)) {
      session.heartbeat(now, idleNanos);
    }
  }

  /** Drains: refuse new clients, tell every connected one to go away, then close the server. */
  @Override
  public Future<?> stop() {
    node.state().drain();
    for (Session session : new ArrayList<>(sessions)) {
      session.drain(heads.get(session.principal().customerId()));
      session.close(CloseCode.GOING_AWAY, "server shutting down");
    }
    return server.shutdown(node.settings().shutdownGraceMillis(), TimeUnit.MILLISECONDS);
  }
}
