package io.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.herald.testing.PlainHttp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started the way a user starts it, in its own JVM. */
class JarEndToEndIT {
  static final String SECRET = "e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

  @TempDir Path workDir;
  Vertx vertx;
  final PlainHttp http = new PlainHttp();
  WebSocketClient webSockets;
  NodeProcess node;

  @BeforeEach
  void clients() {
    vertx = Vertx.vertx();
    webSockets = vertx.createWebSocketClient();
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (node != null) {
      node.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  NodeProcess start(Map<String, String> env) throws Exception {
    node = NodeProcess.start(env, workDir);
    return node;
  }

  static Map<String, String> env(String... extra) {
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of(
        "HERALD_HTTP_HOST", "127.0.0.1", "HERALD_HTTP_PORT", "0", "HERALD_EVENT_LOOPS", "2"));
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  Recorder connect(int port, String token) throws Exception {
    return Recorder.connect(webSockets, port, token);
  }

  int publish(int port, String serviceToken, JsonObject event) {
    return http.post(port, "/v1.0/events", serviceToken, event.encode()).status();
  }

  @Test
  void configuredNodeDeliversAndDrainsOnSigterm() throws Exception {
    int port = start(env("HERALD_JWT_SECRET", SECRET)).awaitServingPort();
    TokenIssuer issuer = new TokenIssuer(vertx, SECRET);
    UUID customer = UUID.randomUUID();
    Instant later = Instant.now().plus(Duration.ofHours(1));
    Recorder client = connect(port, issuer.agentToken(UUID.randomUUID(), customer,
        Principal.CUSTOMER_ADMIN, later)).subscribeToCalls();
    String topic = "customer_id:" + customer + ":call:" + UUID.randomUUID();
    assertThat(publish(port, issuer.serviceToken("e2e", later), new JsonObject()
        .put("type", "call_updated").put("topic", topic).put("data", new JsonObject().put("x", 1))))
        .isEqualTo(202);
    client.await(f -> "call_updated".equals(f.getString("type")) && topic.equals(f.getString("topic")));
    // The launcher's hooks put Vert.x's own metrics on Herald's registry.
    String metrics = http.get(port, "/metrics", null).body();
    assertThat(metrics).contains("herald_events_accepted_total 1.0")
        .contains("vertx_http_server_active_connections").contains("jvm_memory_used_bytes");

    long signalled = System.nanoTime();
    node.process.destroy(); // SIGTERM
    await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode.get() != null);
    assertThat(client.closeCode.get()).isEqualTo((short) 1001);
    assertThat(node.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void demoModePrintsTokensThatWork() throws Exception {
    int port = start(env()).awaitServingPort();
    await().atMost(Duration.ofSeconds(10)).until(() -> node.output.stream()
        .anyMatch(l -> l.startsWith("=====") && !l.contains("demo")));
    String admin = node.lineAfter("Admin token");
    String service = node.lineAfter("Service token");
    String customer = node.output.stream().filter(l -> l.startsWith("Demo customer: ")).findFirst()
        .orElseThrow().substring("Demo customer: ".length()).trim();
    Recorder client = connect(port, admin);
    client.send("{\"type\":\"subscribe\",\"id\":\"d\",\"topics\":[\"customer_id:" + customer + ":call\"]}");
    client.await(f -> "subscribed".equals(f.getString("type")));
    assertThat(publish(port, service, new JsonObject().put("type", "call_updated")
        .put("topics", List.of("customer_id:" + customer + ":call:1")).put("data", new JsonObject())))
        .isEqualTo(202);
    client.await(f -> "call_updated".equals(f.getString("type")));
    client.socket.close();
    // The web console is offered the same tokens.
    JsonObject demo = http.get(port, "/v1.0/demo", null).json();
    assertThat(demo.getString("admin")).isEqualTo(admin);
    assertThat(demo.getString("service")).isEqualTo(service);
    assertThat(demo.getString("customer")).isEqualTo(customer);
  }

  @Test
  void shortSecretRefusesToStartAndSaysWhy() throws Exception {
    start(env("HERALD_JWT_SECRET", "too-short"));
    assertThat(node.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(node.process.exitValue()).isNotZero();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> node.output.stream().anyMatch(l -> l.contains("HERALD_JWT_SECRET")));
  }

  @Test
  void launcherFlagsConfAndInstancesWork() throws Exception {
    Files.writeString(workDir.resolve("my-config.json"),
        new JsonObject().put("HERALD_JWT_SECRET", SECRET).put("HERALD_HTTP_HOST", "127.0.0.1")
            .put("HERALD_HTTP_PORT", 0).encode());
    node = NodeProcess.start(Map.of(), workDir, "-conf", "my-config.json", "-instances", "3");
    int port = node.awaitServingPort();
    assertThat(node.output).anyMatch(l -> l.contains("with 3 event loops"));
    TokenIssuer issuer = new TokenIssuer(vertx, SECRET);
    UUID customer = UUID.randomUUID();
    Instant later = Instant.now().plus(Duration.ofHours(1));
    Recorder client = connect(port, issuer.agentToken(UUID.randomUUID(), customer,
        Principal.CUSTOMER_ADMIN, later)).subscribeToCalls();
    assertThat(publish(port, issuer.serviceToken("e2e", later), new JsonObject()
        .put("type", "via_flags").put("topic", "customer_id:" + customer + ":call:1"))).isEqualTo(202);
    client.await(f -> "via_flags".equals(f.getString("type")));
  }

  @Test
  void jsonLogsPutOneObjectWithTheNodeOnEveryLine() throws Exception {
    start(env("HERALD_JWT_SECRET", SECRET, "HERALD_LOG_FORMAT", "json")).awaitServingPort();
    assertThat(node.output).isNotEmpty().allSatisfy(line -> {
      JsonObject json = new JsonObject(line);
      assertThat(json.getString("node")).isNotBlank();
      assertThat(json.getString("level")).isNotBlank();
    });
    assertThat(node.output).anyMatch(line -> new JsonObject(line).getString("message").startsWith("Herald serving"));
  }

  @Test
  void clusterWithoutASecretRefusesToStartAndSaysWhy() throws Exception {
    start(env("HERALD_CLUSTER", "true"));
    assertThat(node.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(node.process.exitValue()).isNotZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> node.output.stream()
        .anyMatch(l -> l.contains("HERALD_CLUSTER=true needs HERALD_JWT_SECRET")));
  }

  @Test
  void configFileIsReadAndEnvironmentOverridesIt() throws Exception {
    Files.createDirectories(workDir.resolve("conf"));
    Files.writeString(workDir.resolve("conf/config.json"),
        new JsonObject().put("HERALD_JWT_SECRET", SECRET).put("HERALD_EVENT_LOOPS", 1)
            .put("HERALD_HTTP_PORT", 1).encode());
    int port = start(env()).awaitServingPort(); // env says port 0, so not the file's port 1
    assertThat(port).isNotEqualTo(1);
    assertThat(node.output).anyMatch(l -> l.contains("with 2 event loops"));
    // No demo banner: the secret came from the file.
    assertThat(node.output).noneMatch(l -> l.contains("demo mode"));
  }

  /** A WebSocket that records frames and its close code. */
  static final class Recorder {
    final WebSocket socket;
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    final AtomicReference<Short> closeCode = new AtomicReference<>();

    Recorder(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
      socket.closeHandler(v -> closeCode.set(
          socket.closeStatusCode() == null ? (short) 1006 : socket.closeStatusCode()));
    }

    static Recorder connect(WebSocketClient client, int port, String token) throws Exception {
      return new Recorder(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(port).setURI("/v1.0/ws?token=" + token)).await(10, TimeUnit.SECONDS));
    }

    /** Subscribes to the token's customer's calls and waits for the ack. */
    Recorder subscribeToCalls() {
      send("{\"type\":\"subscribe\",\"id\":\"s\",\"topics\":[\"call\"]}");
      await(f -> "subscribed".equals(f.getString("type")));
      return this;
    }

    void send(String text) {
      Future<Void> ignored = socket.writeTextMessage(text);
    }

    void await(java.util.function.Predicate<JsonObject> match) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> frames.stream().anyMatch(match));
    }
  }
}
