package io.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node faults against real processes: a frozen member (SIGSTOP) and a restart on the same address. */
class ClusterFaultsIT {
  @TempDir Path workDir;
  ProcessCluster cluster;
  final UUID customer = UUID.randomUUID();

  @BeforeEach
  void create() {
    cluster = new ProcessCluster(workDir);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  void publish(int port, String marker, int seq) {
    assertThat(cluster.publish(port, new JsonObject().put("type", marker)
        .put("topic", "customer_id:" + customer + ":call:" + seq).put("data", seq))).isEqualTo(202);
  }

  static long count(JarEndToEndIT.Recorder client, String type) {
    return client.frames.stream().filter(f -> type.equals(f.getString("type"))).count();
  }

  @Test
  void frozenMemberIsDroppedThenMergesBackAndIsRoutedToAgain() throws Exception {
    int seed = ProcessCluster.freePort();
    ProcessCluster.Node one = cluster.start(0, seed, "");
    ProcessCluster.Node two = cluster.start(0, ProcessCluster.freePort(), "127.0.0.1:" + seed);
    ProcessCluster.Node three = cluster.start(0, ProcessCluster.freePort(), "127.0.0.1:" + seed);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.admin(one.httpPort()).getJsonArray("members").size() == 2);
    JarEndToEndIT.Recorder onOne = cluster.subscribe(one.httpPort(), customer);
    JarEndToEndIT.Recorder onTwo = cluster.subscribe(two.httpPort(), customer);
    JarEndToEndIT.Recorder onThree = cluster.subscribe(three.httpPort(), customer);
    String threeId = cluster.admin(three.httpPort()).getString("node");
    long heapBefore = one.process().heapUsedKibAfterGc();

    ProcessCluster.signal(three, "STOP");
    long frozenAt = System.nanoTime();
    int published = 0;
    // Publish all through the freeze; the survivors' subscribers must get every event once.
    while (cluster.admin(one.httpPort()).getJsonObject("interest").containsKey(threeId)
        || cluster.admin(two.httpPort()).getJsonObject("interest").containsKey(threeId)) {
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

    ProcessCluster.signal(three, "CONT");
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
    int seed = ProcessCluster.freePort();
    ProcessCluster.Node one = cluster.start(0, seed, "");
    int twoHttp = ProcessCluster.freePort();
    int twoHazelcast = ProcessCluster.freePort();
    ProcessCluster.Node two = cluster.start(twoHttp, twoHazelcast, "127.0.0.1:" + seed);
    cluster.subscribe(two.httpPort(), customer);
    String oldId = cluster.admin(two.httpPort()).getString("node");
    two.process().process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    ProcessCluster.Node again = cluster.start(twoHttp, twoHazelcast, "127.0.0.1:" + seed);
    JarEndToEndIT.Recorder client = cluster.subscribe(again.httpPort(), customer);
    String newId = cluster.admin(again.httpPort()).getString("node");
    assertThat(newId).isNotEqualTo(oldId);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonObject state = cluster.admin(one.httpPort());
      return !state.getJsonObject("interest").containsKey(oldId)
          && state.getJsonObject("interest").containsKey(newId);
    });
    publish(one.httpPort(), "after_restart", 1);
    client.await(f -> "after_restart".equals(f.getString("type")));
    assertThat(count(client, "after_restart")).isEqualTo(1);
  }
}
