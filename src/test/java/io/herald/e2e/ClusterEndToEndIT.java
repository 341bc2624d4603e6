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

/** Three `java -jar target/herald.jar` processes in one cluster; one is SIGKILLed under load. */
class ClusterEndToEndIT {
  static final String SECRET = "e2e-cluster-secret-0123456789-abcdefghijklmnop";

  @TempDir Path workDir;
  final Vertx vertx = Vertx.vertx();
  final PlainHttp http = new PlainHttp();
  final WebSocketClient webSockets = vertx.createWebSocketClient();
  final TokenIssuer issuer = new TokenIssuer(vertx, SECRET);
  final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (NodeProcess process : processes) {
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

  Node start(String cluster, int hazelcastPort, String members) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "HERALD_HTTP_HOST", "127.0.0.1", "HERALD_HTTP_PORT", "0", "HERALD_EVENT_LOOPS", "1",
        "HERALD_JWT_SECRET", SECRET, "HERALD_CLUSTER", "true", "HERALD_CLUSTER_NAME", cluster,
        "HERALD_CLUSTER_HOST", "127.0.0.1", "HERALD_CLUSTER_PORT", String.valueOf(hazelcastPort),
        "HERALD_CLUSTER_MEMBERS", members));
    NodeProcess process = NodeProcess.start(env, workDir);
    processes.add(process);
    return new Node(process, process.awaitServingPort());
  }

  JsonObject admin(int port) {
    String token = issuer.agentToken(UUID.randomUUID(), UUID.randomUUID(), Principal.SUPER_ADMIN,
        Instant.now().plusSeconds(600));
    return http.get(port, "/v1.0/admin/cluster", token).json();
  }

  int publish(int port, String service, JsonObject event) {
    return http.post(port, "/v1.0/events", service, event.encode()).status();
  }

  JarEndToEndIT.Recorder subscribe(int port, UUID customer) throws Exception {
    String token = issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN,
        Instant.now().plusSeconds(600));
    JarEndToEndIT.Recorder client = new JarEndToEndIT.Recorder(webSockets.connect(
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
            .setURI("/v1.0/ws?token=" + token)).await(10, TimeUnit.SECONDS));
    client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"topics\":[\"call\"]}");
    client.await(f -> "subscribed".equals(f.getString("type")));
    return client;
  }

  @Test
  void survivorsKeepDeliveringEverythingWhenANodeIsKilledUnderLoad() throws Exception {
    String cluster = "herald-e2e-" + UUID.randomUUID();
    int seedPort = freePort();
    Node one = start(cluster, seedPort, "");
    Node two = start(cluster, freePort(), "127.0.0.1:" + seedPort);
    Node three = start(cluster, freePort(), "127.0.0.1:" + seedPort);
    String threeId = admin(three.httpPort()).getString("node");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> admin(one.httpPort()).getJsonArray("members").size() == 2);

    UUID customer = UUID.randomUUID();
    JarEndToEndIT.Recorder onOne = subscribe(one.httpPort(), customer);
    JarEndToEndIT.Recorder onTwo = subscribe(two.httpPort(), customer);
    subscribe(three.httpPort(), customer);
    String service = issuer.serviceToken("e2e", Instant.now().plusSeconds(600));

    long heapOneBefore = one.process().heapUsedKibAfterGc();
    long heapTwoBefore = two.process().heapUsedKibAfterGc();
    int total = 400;
    java.util.concurrent.CompletableFuture<Long> cleanAfter = new java.util.concurrent.CompletableFuture<>();
    for (int i = 0; i < total; i++) {
      if (i == 100) {
        three.process().process.destroyForcibly(); // SIGKILL
        long killedAt = System.nanoTime();
        // Watch the survivors' routing state while publishing goes on.
        Thread watcher = new Thread(() -> {
          try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !admin(one.httpPort()).getJsonObject("interest").containsKey(threeId)
                    && !admin(two.httpPort()).getJsonObject("interest").containsKey(threeId));
            cleanAfter.complete((System.nanoTime() - killedAt) / 1_000_000);
          } catch (Throwable e) {
            cleanAfter.completeExceptionally(e);
          }
        });
        watcher.setDaemon(true);
        watcher.start();
      }
      int port = i % 2 == 0 ? one.httpPort() : two.httpPort();
      JsonObject event = new JsonObject().put("type", "call_updated")
          .put("topic", "customer_id:" + customer + ":call:" + i)
          .put("data", new JsonObject().put("seq", i));
      assertThat(publish(port, service, event)).isEqualTo(202);
    }
    long cleanMillis = cleanAfter.get(40, TimeUnit.SECONDS);
    System.out.println("SIGKILL to clean routes on both survivors: " + cleanMillis + " ms");

    for (JarEndToEndIT.Recorder client : List.of(onOne, onTwo)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> client.frames.stream()
          .filter(f -> "call_updated".equals(f.getString("type"))).count() >= total);
      List<Integer> seqs = client.frames.stream()
          .filter(f -> "call_updated".equals(f.getString("type")))
          .map(f -> f.getJsonObject("data").getInteger("seq")).toList();
      assertThat(seqs).hasSize(total).doesNotHaveDuplicates();
      // Events accepted by one node arrive in the order that node accepted them.
      assertThat(seqs.stream().filter(s -> s % 2 == 0).toList()).isSorted();
      assertThat(seqs.stream().filter(s -> s % 2 == 1).toList()).isSorted();
    }
    assertThat(admin(one.httpPort()).getJsonArray("members").getList()).doesNotContain(threeId);
    long heapOneAfter = one.process().heapUsedKibAfterGc();
    long heapTwoAfter = two.process().heapUsedKibAfterGc();
    System.out.printf("survivors' heap after GC: %d -> %d KiB and %d -> %d KiB%n",
        heapOneBefore, heapOneAfter, heapTwoBefore, heapTwoAfter);
    assertThat(heapOneAfter - heapOneBefore).isLessThan(64 * 1024);
    assertThat(heapTwoAfter - heapTwoBefore).isLessThan(64 * 1024);
  }
}
