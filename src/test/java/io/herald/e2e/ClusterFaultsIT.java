package io.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.herald.testing.PlainHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node faults against real processes: a frozen member (SIGSTOP) and a restart on the same address. */
class ClusterFaultsIT {
  static final String SECRET = "e2e-faults-secret-0123456789-abcdefghijklmnop";

  @TempDir Path workDir;
  final Vertx vertx = Vertx.vertx();
  final PlainHttp http = new PlainHttp();
  final WebSocketClient webSockets = vertx.createWebSocketClient();
  final TokenIssuer issuer = new TokenIssuer(vertx, SECRET);
  final List<NodeProcess> processes = new ArrayList<>();
  final String cluster = "herald-faults-" + UUID.randomUUID();
  final UUID customer = UUID.randomUUID();
  final String service = issuer.serviceToken("faults", Instant.now().plusSeconds(900));

  @AfterEach
  void stop() throws Exception {
    for (NodeProcess process : processes) {
      new ProcessBuilder("kill", "-CONT", String.valueOf(process.process.pid())).start().waitFor();
      process.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  record Node(NodeProcess process, int httpPort) {}

  Node start(int httpPort, int hazelcastPort, String members) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "HERALD_HTTP_HOST", "127.0.0.1", "HERALD_HTTP_PORT", String.valueOf(httpPort),
        "HERALD_EVENT_LOOPS", "1", "HERALD_JWT_SECRET", SECRET, "HERALD_CLUSTER", "true",
        "HERALD_CLUSTER_NAME", cluster, "HERALD_CLUSTER_HOST", "127.0.0.1",
        "HERALD_CLUSTER_PORT", String.valueOf(hazelcastPort), "HERALD_CLUSTER_MEMBERS", members,
        "HERALD_CLUSTER_ANTI_ENTROPY_MS", "1000"));
    NodeProcess process = NodeProcess.start(env, workDir);
    processes.add(process);
    return new Node(process, process.awaitServingPort());
  }

  JsonObject admin(int port) {
    return http.get(port, "/v1.0/admin/cluster", issuer.agentToken(UUID.randomUUID(), customer,
        Principal.SUPER_ADMIN, Instant.now().plusSeconds(900))).json();
  }

  JarEndToEndIT.Recorder subscribe(int port) throws Exception {
    JarEndToEndIT.Recorder client = new JarEndToEndIT.Recorder(webSockets.connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/v1.0/ws?token="
            + issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN,
                Instant.now().plusSeconds(900)))).await(10, TimeUnit.SECONDS));
    client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topics\":[\"call\"]}");
    client.await(f -> "subscribed".equals(f.getString("type")));
    return client;
  }

  void publish(int port, String marker, int seq) {
    assertThat(http.post(port, "/v1.0/events", service, new JsonObject().put("type", marker)
        .put("topic", "customer_id:" + customer + ":call:" + seq).put("data", seq).encode()).status())
        .isEqualTo(202);
  }

  static long count(JarEndToEndIT.Recorder client, String type) {
    return client.frames.stream().filter(f -> type.equals(f.getString("type"))).count();
  }

  @Test
  void frozenMemberIsDroppedThenMergesBackAndIsRoutedToAgain() throws Exception {
    int seed = freePort();
    Node one = start(0, seed, "");
    Node two = start(0, freePort(), "127.0.0.1:" + seed);
    Node three = start(0, freePort(), "127.0.0.1:" + seed);
    await().atMost(Duration.ofSeconds(30)).until(() -> admin(one.httpPort()).getJsonArray("members").size() == 2);
    JarEndToEndIT.Recorder onOne = subscribe(one.httpPort());
    JarEndToEndIT.Recorder onTwo = subscribe(two.httpPort());
    JarEndToEndIT.Recorder onThree = subscribe(three.httpPort());
    String threeId = admin(three.httpPort()).getString("node");
    long heapBefore = one.process().heapUsedKibAfterGc();

    new ProcessBuilder("kill", "-STOP", String.valueOf(three.process().process.pid())).start().waitFor();
    long frozenAt = System.nanoTime();
    int published = 0;
    // Publish all through the freeze; the survivors' subscribers must get every event once.
    while (admin(one.httpPort()).getJsonObject("interest").containsKey(threeId)
        || admin(two.httpPort()).getJsonObject("interest").containsKey(threeId)) {
      assertThat(System.nanoTime() - frozenAt).isLessThan(TimeUnit.SECONDS.toNanos(40));
      publish(published % 2 == 0 ? one.httpPort() : two.httpPort(), "during", published++);
    }
    long droppedMillis = (System.nanoTime() - frozenAt) / 1_000_000;
    for (int i = 0; i < 20; i++) {
      publish(one.httpPort(), "during", published++);
    }
    int total = published;
    for (JarEndToEndIT.Recorder client : List.of(onOne, onTwo)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> count(client, "during") >= total);
      assertThat(count(client, "during")).isEqualTo(total);
    }

    new ProcessBuilder("kill", "-CONT", String.valueOf(three.process().process.pid())).start().waitFor();
    long resumedAt = System.nanoTime();
    // Merged back: node one routes to three again, and three's subscriber gets new events.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
      publish(one.httpPort(), "after", 0);
      return count(onThree, "after") > 0;
    });
    long healedMillis = (System.nanoTime() - resumedAt) / 1_000_000;
    long heapAfter = one.process().heapUsedKibAfterGc();
    System.out.printf("survivor's heap after GC: %d -> %d KiB%n", heapBefore, heapAfter);
    assertThat(heapAfter - heapBefore).isLessThan(64 * 1024);
    System.out.println("SIGSTOP: frozen member dropped from routes after " + droppedMillis
        + " ms; after SIGCONT, routed to again after " + healedMillis + " ms; "
        + total + " events published meanwhile, all delivered once to the survivors");
  }

  @Test
  void nodeRestartedOnTheSameAddressRejoinsAndItsOldIdentityIsGone() throws Exception {
    int seed = freePort();
    Node one = start(0, seed, "");
    int twoHttp = freePort();
    int twoHazelcast = freePort();
    Node two = start(twoHttp, twoHazelcast, "127.0.0.1:" + seed);
    subscribe(two.httpPort());
    String oldId = admin(two.httpPort()).getString("node");
    two.process().process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    Node again = start(twoHttp, twoHazelcast, "127.0.0.1:" + seed);
    JarEndToEndIT.Recorder client = subscribe(again.httpPort());
    String newId = admin(again.httpPort()).getString("node");
    assertThat(newId).isNotEqualTo(oldId);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonObject state = admin(one.httpPort());
      return !state.getJsonObject("interest").containsKey(oldId)
          && state.getJsonObject("interest").containsKey(newId);
    });
    publish(one.httpPort(), "after_restart", 1);
    client.await(f -> "after_restart".equals(f.getString("type")));
    assertThat(count(client, "after_restart")).isEqualTo(1);
  }
}
