package io.herald.testing;

import io.herald.HeraldVerticle;
import io.herald.ops.HeraldMetrics;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.herald.testing.PlainHttp.Response;
import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.herald.config.Settings;
import io.vertx.core.Future;
import io.herald.cluster.HazelcastConfigFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Map;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real Herald node in this JVM (HeraldVerticle on a fresh Vert.x, HTTP on a random port on
 * 127.0.0.1) with real HTTP and WebSocket clients pointed at it.
 */
public final class TestNode implements AutoCloseable {
  public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
  private static final long TIMEOUT_SECONDS = 10;

  public final Vertx vertx;
  /** The clients' own Vert.x, as a browser or a publisher would be a separate program. */
  private final Vertx clientVertx;
  public final HeraldVerticle verticle;
  public final TokenIssuer issuer;
  public final UUID customer = UUID.randomUUID();
  public final UUID agent = UUID.randomUUID();
  // Held in fields: an unreferenced client is closed by a Cleaner at the next GC.
  private final PlainHttp http = new PlainHttp();
  private final WebSocketClient webSockets;
  private final String deploymentId;

  private TestNode(Settings settings) {
    this(settings, vertx -> {});
  }

  /** @param beforeDeploy runs once Vert.x (and Hazelcast, when clustered) is up, before Herald is */
  private TestNode(Settings settings, java.util.function.Consumer<Vertx> beforeDeploy) {
    HeraldMetrics metrics = HeraldMetrics.create();
    vertx = settings.cluster().enabled()
        ? clusteredVertx(settings, metrics)
        : Vertx.builder().with(metricsOptions()).withMetrics(metrics.vertxMetrics()).build();
    beforeDeploy.accept(vertx);
    verticle = new HeraldVerticle(settings, metrics);
    try {
      deploymentId = vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("node did not start in 60 s", e);
    }
    issuer = new TokenIssuer(vertx, SECRET);
    clientVertx = Vertx.vertx();
    webSockets = clientVertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
  }

  public static TestNode start() {
    return start(s -> s);
  }

  /** A node with test defaults, changed by {@code tweak} (keys are the HERALD_* names). */
  public static TestNode start(UnaryOperator<JsonObject> tweak) {
    return new TestNode(Settings.fromConfig(tweak.apply(baseConfig())));
  }

  /**
   * A clustered node: real Hazelcast on 127.0.0.1 on a free port, in cluster {@code name}, joining
   * through {@code seeds} (empty for the first node).
   */
  public static TestNode startClustered(String name, List<TestNode> seeds, UnaryOperator<JsonObject> tweak) {
    return startClustered(name, seeds, tweak, vertx -> {});
  }

  /** A clustered node whose Hazelcast member has joined before {@code beforeDeploy} runs. */
  public static TestNode startClustered(String name, List<TestNode> seeds, UnaryOperator<JsonObject> tweak,
      java.util.function.Consumer<Vertx> beforeDeploy) {
    StringBuilder members = new StringBuilder();
    for (TestNode seed : seeds) {
      members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(seed.hazelcastPort());
    }
    JsonObject config = baseConfig()
        .put("HERALD_CLUSTER", true)
        .put("HERALD_CLUSTER_NAME", name)
        .put("HERALD_CLUSTER_HOST", "127.0.0.1")
        .put("HERALD_CLUSTER_PORT", freePort())
        .put("HERALD_CLUSTER_MEMBERS", members.toString())
        .put("HERALD_CLUSTER_ANTI_ENTROPY_MS", 1000)
        .put("HERALD_CLUSTER_REMOVAL_GRACE_MS", 0);
    return new TestNode(Settings.fromConfig(tweak.apply(config)), beforeDeploy);
  }

  public static String randomClusterName() {
    return "herald-test-" + UUID.randomUUID();
  }

  /**
   * {@code count} nodes of a new cluster, each joining through those before it, added to
   * {@code into} as each one starts, so that the caller closes what started if a later one fails.
   */
  public static void startCluster(int count, UnaryOperator<JsonObject> tweak, List<TestNode> into) {
    String name = randomClusterName();
    List<TestNode> started = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      TestNode node = startClustered(name, List.copyOf(started), tweak);
      started.add(node);
      into.add(node);
    }
    started.get(started.size() - 1).awaitPartitionsSettled();
  }

  /**
   * Waits until Hazelcast has no partition migration in flight and every backup is in sync.
   * Partitions move for a while after each join and leave; a test that reasons about which member
   * owns a customer's stream must not start before they stop.
   */
  public void awaitPartitionsSettled() {
    awaitPartitionsSettled(vertx);
  }

  public static void awaitPartitionsSettled(Vertx vertx) {
    com.hazelcast.core.HazelcastInstance hazelcast = hazelcast(vertx);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> hazelcast.getPartitionService().isClusterSafe());
  }

  /** The Hazelcast member under a clustered Vert.x. */
  public static com.hazelcast.core.HazelcastInstance hazelcast(Vertx vertx) {
    return ((HazelcastClusterManager) ((io.vertx.core.internal.VertxInternal) vertx).clusterManager())
        .getHazelcastInstance();
  }

  public int hazelcastPort() {
    return verticle.settings().cluster().port();
  }

  private static VertxOptions metricsOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
  }

  private static Vertx clusteredVertx(Settings settings, HeraldMetrics metrics) {
    VertxOptions options = metricsOptions().setEventBusOptions(new EventBusOptions()
        .setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    try {
      // Joining takes a few seconds; far longer than any request in a test.
      return Vertx.builder().with(options).withMetrics(metrics.vertxMetrics())
          .withClusterManager(new HazelcastClusterManager(HazelcastConfigFactory.build(settings.cluster())))
          .buildClustered().await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("cluster did not form in 60 s", e);
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static JsonObject baseConfig() {
    return new JsonObject()
        .put("HERALD_HTTP_HOST", "127.0.0.1")
        .put("HERALD_HTTP_PORT", 0)
        .put("HERALD_EVENT_LOOPS", 2)
        .put("HERALD_JWT_SECRET", SECRET);
  }

  public int port() {
    return verticle.httpPort();
  }

  public String customerTopic(String suffix) {
    return "customer_id:" + customer + (suffix.isEmpty() ? "" : ":" + suffix);
  }

  public String adminToken() {
    return issuer.agentToken(agent, customer, Principal.CUSTOMER_ADMIN, inAnHour());
  }

  public String agentToken(UUID agentId, UUID customerId, int permission) {
    return issuer.agentToken(agentId, customerId, permission, inAnHour());
  }

  public String serviceToken() {
    return issuer.serviceToken("test", inAnHour());
  }

  public static Instant inAnHour() {
    return TokenIssuer.in(Duration.ofHours(1));
  }

  public WebSocketConnectOptions wsOptions() {
    // No automatic Origin header: these clients are programs, not browser pages; tests that
    // play a browser add the header themselves.
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port()).setURI("/v1.0/ws")
        .setAllowOriginHeader(false);
  }

  /** Connects with the token in the query string and waits for the upgrade. */
  public TestClient connect(String token) {
    return await(connect(wsOptions().setURI("/v1.0/ws?token=" + token)));
  }

  /** Attempts a connection the node must refuse before the upgrade; returns the refusal. */
  public UpgradeRejectedException refusedUpgrade(WebSocketConnectOptions options) {
    try {
      TestClient client = await(connect(options));
      client.close();
      throw new AssertionError("the upgrade was accepted");
    } catch (UpgradeRejectedException refused) {
      return refused;
    }
  }

  /** The {@code error.reason} of a refused upgrade's body. */
  public static String reasonOf(UpgradeRejectedException refused) {
    return new JsonObject(refused.getBody()).getJsonObject("error").getString("reason");
  }

  public Future<TestClient> connect(WebSocketConnectOptions options) {
    return webSockets.connect(options).map(TestClient::new);
  }

  /** Connects and subscribes, waiting for the ack. */
  public TestClient subscriber(String... topics) {
    TestClient client = connect(adminToken());
    client.subscribe("s", topics);
    return client;
  }

  public Response publish(String token, String body) {
    return request(publishOptions(token), Buffer.buffer(body));
  }

  private RequestOptions publishOptions(String token) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost("127.0.0.1").setPort(port()).setURI("/v1.0/events");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return options;
  }

  public Response publish(JsonObject event) {
    Response response = publish(serviceToken(), event.encode());
    if (response.status() != 202) {
      throw new AssertionError("publish refused: " + response);
    }
    return response;
  }

  public Response get(String uri) {
    return request(new RequestOptions().setHost("127.0.0.1").setPort(port()).setURI(uri), null);
  }

  public Response request(RequestOptions options, Buffer body) {
    Map<String, String> headers = new java.util.HashMap<>();
    if (options.getHeaders() != null) {
      options.getHeaders().forEach(header -> headers.put(header.getKey(), header.getValue()));
    }
    return http.send(options.getMethod().name(), port(), options.getURI(), headers,
        body == null ? null : body.getBytes());
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /** Undeploys the node (the drain path) without closing Vert.x. */
  public void undeploy() {
    await(vertx.undeploy(deploymentId));
  }

  @Override
  public void close() {
    await(clientVertx.close());
    await(vertx.close());
  }
}
