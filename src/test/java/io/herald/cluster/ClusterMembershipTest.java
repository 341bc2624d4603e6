package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes joining and leaving a cluster of real in-JVM nodes. */
class ClusterMembershipTest {
  final List<TestNode> nodes = new ArrayList<>();
  final String name = TestNode.randomClusterName();

  @AfterEach
  void stop() {
    nodes.forEach(node -> {
      try {
        node.close();
      } catch (RuntimeException | AssertionError alreadyClosed) {
        // closed by the test itself
      }
    });
  }

  TestNode start(TestNode... seeds) {
    TestNode node = TestNode.startClustered(name, List.of(seeds), config -> config);
    nodes.add(node);
    return node;
  }

  @Test
  void joiningNodeRoutesToExistingSubscribersAsSoonAsItIsReady() {
    TestNode a = start();
    TestNode b = start(a);
    UUID customer = UUID.randomUUID();
    TestClient client = b.connect(b.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN));
    client.subscribe("s", "call");
    TestNode c = start(a, b);
    // Ready once Hazelcast is safe (partitions settled) and c mirrors every member's interest.
    await().atMost(Duration.ofSeconds(20)).until(() -> c.get("/health/ready").status() == 200);
    PlainHttp.Response ready = c.get("/health/ready");
    assertThat(ready.json().getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("id")))
        .containsExactlyInAnyOrder("node", "cluster-membership", "interest-table");
    c.publish(new JsonObject().put("type", "from_newcomer")
        .put("topic", "customer_id:" + customer + ":call:1"));
    client.awaitFrame(f -> "from_newcomer".equals(f.getString("type")));
  }

  /** Subscribes a new customer's client on {@code node}; returns a topic its events use. */
  static String subscribeOn(TestNode node) {
    UUID customer = UUID.randomUUID();
    node.connect(node.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN))
        .subscribe("s", "call");
    return "customer_id:" + customer + ":call";
  }

  static Set<String> routes(TestNode from, String topic) {
    return TestNode.await(from.verticle.cluster().wouldRoute(topic));
  }

  @Test
  void crashedNodesInterestIsDroppedWithoutItsHelp() {
    TestNode a = start();
    TestNode b = start(a);
    String topic = subscribeOn(b);
    assertThat(routes(a, topic)).containsExactly(b.verticle.cluster().nodeId());
    // Hazelcast on b stops dead: b withdraws nothing, a only learns that b is gone.
    ((HazelcastClusterManager) ((VertxInternal) b.vertx).clusterManager())
        .getHazelcastInstance().getLifecycleService().terminate();
    await().atMost(Duration.ofSeconds(15)).until(() -> routes(a, topic).isEmpty());
  }

  @Test
  void leavingNodesInterestIsDropped() {
    TestNode a = start();
    TestNode b = start(a);
    String topic = subscribeOn(b);
    String bId = b.verticle.cluster().nodeId();
    assertThat(routes(a, topic)).containsExactly(bId);
    b.close();
    await().atMost(Duration.ofSeconds(15)).until(() -> !TestNode.await(a.verticle.cluster().describe())
        .getJsonObject("interest").containsKey(bId));
    assertThat(routes(a, topic)).isEmpty();
  }
}
