package io.herald.e2e;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.herald.testing.PlainHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Herald nodes as separate `java -jar` processes in one cluster on 127.0.0.1, with the clients a
 * test needs to talk to them. Stops (and un-freezes) every process it started.
 */
final class ProcessCluster implements AutoCloseable {
  static final String SECRET = "e2e-cluster-secret-0123456789-abcdefghijklmnop";

  final Vertx vertx = Vertx.vertx();
  final PlainHttp http = new PlainHttp();
  final TokenIssuer issuer = new TokenIssuer(vertx, SECRET);
  final String service = issuer.serviceToken("e2e", Instant.now().plusSeconds(900));
  private final WebSocketClient webSockets = vertx.createWebSocketClient();
  private final List<NodeProcess> processes = new ArrayList<>();
  private final String name = "herald-e2e-" + UUID.randomUUID();
  private final Path workDir;

  ProcessCluster(Path workDir) {
    this.workDir = workDir;
  }

  record Node(NodeProcess process, int httpPort) {}

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts a node (HTTP port 0: any) joining through {@code members}, and waits until it serves. */
  Node start(int httpPort, int hazelcastPort, String members) throws Exception {
    return start(httpPort, hazelcastPort, members, Map.of());
  }

  /** The same, with more settings ({@code extra} wins). */
  Node start(int httpPort, int hazelcastPort, String members, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "HERALD_HTTP_HOST", "127.0.0.1", "HERALD_HTTP_PORT", String.valueOf(httpPort),
        "HERALD_EVENT_LOOPS", "1", "HERALD_JWT_SECRET", SECRET, "HERALD_CLUSTER", "true",
        "HERALD_CLUSTER_NAME", name, "HERALD_CLUSTER_HOST", "127.0.0.1",
        "HERALD_CLUSTER_PORT", String.valueOf(hazelcastPort), "HERALD_CLUSTER_MEMBERS", members,
        "HERALD_CLUSTER_ANTI_ENTROPY_MS", "1000"));
    env.putAll(extra);
    NodeProcess process = NodeProcess.start(env, workDir);
    processes.add(process);
    return new Node(process, process.awaitServingPort());
  }

  JsonObject admin(int port) {
    return http.get(port, "/v1.0/admin/cluster", superAdmin()).json();
  }

  String superAdmin() {
    return issuer.agentToken(UUID.randomUUID(), UUID.randomUUID(), Principal.SUPER_ADMIN,
        Instant.now().plusSeconds(900));
  }

  /** The admin view of one customer stream (history on): epoch, head, sequencer. */
  JsonObject stream(int port, UUID customer) {
    return http.get(port, "/v1.0/admin/streams/" + customer, superAdmin()).json();
  }

  int publish(int port, JsonObject event) {
    return http.post(port, "/v1.0/events", service, event.encode()).status();
  }

  /** A client of {@code customer} on the node at {@code port}, subscribed to its calls. */
  JarEndToEndIT.Recorder subscribe(int port, UUID customer) throws Exception {
    return JarEndToEndIT.Recorder.connect(webSockets, port, issuer.agentToken(UUID.randomUUID(),
        customer, Principal.CUSTOMER_ADMIN, Instant.now().plusSeconds(900))).subscribeToCalls();
  }

  WebSocketClient vertxWebSockets() {
    return webSockets;
  }

  static void signal(Node node, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(node.process().process.pid()))
        .start().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess process : processes) {
      new ProcessBuilder("kill", "-CONT", String.valueOf(process.process.pid())).start()
          .waitFor(10, TimeUnit.SECONDS);
      process.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
