package io.herald.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NATS and MQTT adapters of the load tool against the real servers scripts/bench-peers.sh
 * compares Herald with: a fanout correctness pass and a short targeted measurement each must
 * deliver exactly what was published. Needs the Debian packages nats-server and mosquitto, which
 * .ci/run installs; on a machine without them these tests are reported as skipped, with the
 * reason.
 */
class PeerAdaptersIT {
  @TempDir
  Path dir;

  @Test
  void natsOverWebSocket() throws Exception {
    requireOnPath("nats-server");
    int ws = freePort();
    Path conf = Files.writeString(dir.resolve("nats.conf"), "listen: 127.0.0.1:" + freePort()
        + "\nwebsocket {\n  listen: \"127.0.0.1:" + ws + "\"\n  no_tls: true\n}\n");
    checkAdapter("nats", ws, new ProcessBuilder("nats-server", "-c", conf.toString()));
  }

  @Test
  void mosquittoOverWebSocket() throws Exception {
    requireOnPath("mosquitto");
    int ws = freePort();
    // Mosquitto 2.0.11 will not start with only a WebSocket listener; see scripts/lib/servers.sh.
    Path conf = Files.writeString(dir.resolve("mosquitto.conf"), "allow_anonymous true\n"
        + "listener " + freePort() + " 127.0.0.1\nlistener " + ws + " lo\nprotocol websockets\n");
    checkAdapter("mosquitto", ws, new ProcessBuilder("mosquitto", "-c", conf.toString()));
  }

  private void checkAdapter(String target, int port, ProcessBuilder server) throws Exception {
    Process process = server.redirectErrorStream(true)
        .redirectOutput(dir.resolve(target + ".log").toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> listening(port));
      String[] common = {"--target", target, "--urls", "127.0.0.1:" + port,
          "--server-pids", Long.toString(process.pid()), "--threads", "1", "--warmup", "0.2"};

      Result fanout = LoadTest.run(Options.parse(concat(common, "--scenario", "fanout",
          "--subscribers", "10", "--duration", "0", "--correctness-events", "20")));
      assertThat(fanout.get("correctness")).isEqualTo("pass");
      assertThat(fanout.get("correctness_delivered")).isEqualTo(200L);

      Result targeted = LoadTest.run(Options.parse(concat(common, "--scenario", "targeted",
          "--subscribers", "10", "--duration", "1", "--rate", "100")));
      assertThat(targeted.get("correctness")).isEqualTo("pass");
      assertThat((Long) targeted.get("delivered")).isPositive().isEqualTo(targeted.get("expected"));
      assertThat(targeted.get("out_of_order")).isEqualTo(0L);

      Result churn = LoadTest.run(Options.parse(concat(common, "--scenario", "churn",
          "--clients", "2", "--duration", "1")));
      assertThat((Long) churn.get("operations_per_s")).isPositive();
      assertThat(churn.get("refused")).isEqualTo(0L);
    } finally {
      process.destroy();
      process.onExit().get();
    }
  }

  private static String[] concat(String[] first, String... more) {
    return java.util.stream.Stream.concat(List.of(first).stream(), List.of(more).stream())
        .toArray(String[]::new);
  }

  private static void requireOnPath(String program) {
    boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)))
        || Files.isExecutable(Path.of("/usr/sbin", program));
    Assumptions.assumeTrue(found, program + " is not installed (apt-get install nats-server "
        + "mosquitto; .ci/run does)");
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
