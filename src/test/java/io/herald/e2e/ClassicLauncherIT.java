package io.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.herald.testing.PlainHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Herald's verticle deployed the classic way: `vertx run` and scripts/vertx start/list/stop. */
class ClassicLauncherIT {
  static final String SECRET = "classic-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

  @TempDir Path workDir;
  final Vertx vertx = Vertx.vertx();
  final WebSocketClient webSockets = vertx.createWebSocketClient();
  final PlainHttp http = new PlainHttp();
  NodeProcess node;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  Path config(int port) throws Exception {
    Path file = workDir.resolve("herald.json");
    Files.writeString(file, new JsonObject().put("HERALD_JWT_SECRET", SECRET)
        .put("HERALD_HTTP_HOST", "127.0.0.1").put("HERALD_HTTP_PORT", port).encode());
    return file;
  }

  @Test
  void vertxRunWithConfAndInstancesServesEvents() throws Exception {
    node = NodeProcess.startClassic(Map.of(), workDir, "run", "io.herald.HeraldVerticle",
        "-conf", config(0).toString(), "-instances", "2");
    int port = node.awaitServingPort();
    assertThat(node.output).anyMatch(l -> l.contains("with 2 event loops"));
    TokenIssuer issuer = new TokenIssuer(vertx, SECRET);
    UUID customer = UUID.randomUUID();
    Instant later = Instant.now().plus(Duration.ofHours(1));
    JarEndToEndIT.Recorder client = JarEndToEndIT.Recorder.connect(webSockets, port,
        issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN, later))
        .subscribeToCalls();
    assertThat(http.post(port, "/v1.0/events", issuer.serviceToken("e2e", later), new JsonObject()
        .put("type", "classic").put("topic", "customer_id:" + customer + ":call:1").encode()).status())
        .isEqualTo(202);
    client.await(f -> "classic".equals(f.getString("type")));
  }

  static String script(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = Path.of("scripts/vertx").toAbsolutePath().toString();
    System.arraycopy(args, 0, command, 1, args.length);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output;
  }

  @Test
  void scriptStartsListsAndStopsABackgroundNode() throws Exception {
    int port = ProcessCluster.freePort();
    String id = "herald-it-" + UUID.randomUUID();
    assertThat(script("start", "io.herald.HeraldVerticle", "-id", id, "-conf", config(port).toString()))
        .contains(id);
    try {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> http.get(port, "/health/ready", null).status() == 200);
      assertThat(script("list")).contains(id);
    } finally {
      assertThat(script("stop", id)).contains("terminated");
    }
    await().atMost(Duration.ofSeconds(20))
        .until(() -> { try { http.get(port, "/health/live", null); return false; } catch (RuntimeException down) { return true; } });
  }
}
