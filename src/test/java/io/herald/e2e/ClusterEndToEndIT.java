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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three `java -jar target/herald.jar` processes in one cluster; one is SIGKILLed under load. */
class ClusterEndToEndIT {
  @TempDir Path workDir;
  ProcessCluster cluster;

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void survivorsKeepDeliveringEverythingWhenANodeIsKilledUnderLoad() throws Exception {
    cluster = new ProcessCluster(workDir);
    int seedPort = ProcessCluster.freePort();
    ProcessCluster.Node one = cluster.start(0, seedPort, "");
    ProcessCluster.Node two = cluster.start(0, ProcessCluster.freePort(), "127.0.0.1:" + seedPort);
    ProcessCluster.Node three = cluster.start(0, ProcessCluster.freePort(), "127.0.0.1:" + seedPort);
    String threeId = cluster.admin(three.httpPort()).getString("node");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> cluster.admin(one.httpPort()).getJsonArray("members").size() == 2);

    UUID customer = UUID.randomUUID();
    JarEndToEndIT.Recorder onOne = cluster.subscribe(one.httpPort(), customer);
    JarEndToEndIT.Recorder onTwo = cluster.subscribe(two.httpPort(), customer);
    cluster.subscribe(three.httpPort(), customer);

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
                .until(() -> !cluster.admin(one.httpPort()).getJsonObject("interest").containsKey(threeId)
                    && !cluster.admin(two.httpPort()).getJsonObject("interest").containsKey(threeId));
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
      assertThat(cluster.publish(port, event)).isEqualTo(202);
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
    assertThat(cluster.admin(one.httpPort()).getJsonArray("members").getList()).doesNotContain(threeId);
    long heapOneAfter = one.process().heapUsedKibAfterGc();
    long heapTwoAfter = two.process().heapUsedKibAfterGc();
    System.out.printf("survivors' heap after GC: %d -> %d KiB and %d -> %d KiB%n",
        heapOneBefore, heapOneAfter, heapTwoBefore, heapTwoAfter);
    assertThat(heapOneAfter - heapOneBefore).isLessThan(64 * 1024);
    assertThat(heapTwoAfter - heapTwoBefore).isLessThan(64 * 1024);
  }
}
