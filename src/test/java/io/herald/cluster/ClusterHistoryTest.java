package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Customer streams across three clustered nodes in this JVM (issue 8). */
class ClusterHistoryTest {
  static final List<TestNode> nodes = new ArrayList<>();
  static TestNode a;
  static TestNode b;
  static TestNode c;

  @BeforeAll
  static void formCluster() {
    TestNode.startCluster(3, ClusterHistoryTest::history, nodes);
    a = nodes.get(0);
    b = nodes.get(1);
    c = nodes.get(2);
  }

  static JsonObject history(JsonObject config) {
    return config.put("HERALD_HISTORY_ENABLED", true).put("HERALD_HISTORY_SIZE", 10_000);
  }

  @AfterAll
  static void stop() {
    nodes.forEach(TestNode::close);
  }

  static TestClient client(TestNode node, UUID customer) {
    return node.connect(node.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN));
  }

  static List<Long> offsets(List<JsonObject> events) {
    return events.stream().map(e -> e.getLong("offset")).toList();
  }

  static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  /** Publishes {@code batches} requests of two events each through {@code node}. */
  static CompletableFuture<Void> publisher(TestNode node, UUID customer, String name, int batches) {
    return CompletableFuture.runAsync(() -> {
      for (int i = 0; i < batches; i++) {
        JsonArray batch = new JsonArray();
        for (int j = 0; j < 2; j++) {
          batch.add(new JsonObject().put("type", name).put("topic", "customer_id:" + customer + ":call:" + i)
              .put("data", new JsonObject().put("i", i).put("j", j)));
        }
        assertThat(node.publish(node.serviceToken(), batch.encode()).status()).isEqualTo(202);
      }
    });
  }

  @Test
  void twoPublishersOnTwoNodesGiveEverySubscriberOneIdenticalOrder() throws Exception {
    UUID customer = UUID.randomUUID();
    List<TestClient> clients = new ArrayList<>();
    for (TestNode node : nodes) {
      TestClient client = client(node, customer);
      client.subscribe("s", "customer_id:" + customer);
      clients.add(client);
    }
    CompletableFuture.allOf(publisher(a, customer, "from-a", 100), publisher(b, customer, "from-b", 100))
        .get(120, TimeUnit.SECONDS);

    List<JsonObject> first = clients.get(0).awaitEvents(400);
    assertThat(offsets(first)).containsExactlyElementsOf(oneTo(400));
    // Both publishers are interleaved in the one order, and every node shows the same order.
    assertThat(first).extracting(e -> e.getString("type")).contains("from-a", "from-b");
    for (TestClient other : clients.subList(1, 3)) {
      assertThat(other.awaitEvents(400)).isEqualTo(first);
    }
  }

  @Test
  void aClientResumesOnAnotherNodeWithExactlyWhatItMissed() {
    UUID customer = UUID.randomUUID();
    String calls = "customer_id:" + customer + ":call";
    TestClient onA = client(a, customer);
    onA.subscribe("s", calls);
    for (int i = 1; i <= 3; i++) {
      c.publish(new JsonObject().put("type", "before").put("topic", calls + ":" + i));
    }
    JsonObject last = onA.awaitEvents(3).get(2);
    onA.close();
    onA.awaitClose();
    for (int i = 4; i <= 6; i++) {
      c.publish(new JsonObject().put("type", "missed").put("topic", calls + ":" + i));
      c.publish(new JsonObject().put("type", "chat").put("topic", "customer_id:" + customer + ":chat:" + i));
    }

    TestClient onB = client(b, customer);
    onB.send(new JsonObject().put("type", "subscribe").put("id", "r").put("topics", List.of(calls))
        .put("since", new JsonObject().put("offset", last.getLong("offset")).put("epoch", last.getString("epoch"))));
    JsonObject ack = onB.awaitFrame(f -> "subscribed".equals(f.getString("type")));
    assertThat(ack.getBoolean("recovered")).isTrue();
    a.publish(new JsonObject().put("type", "live").put("topic", calls + ":7"));

    List<JsonObject> events = onB.awaitEvents(4);
    assertThat(events).extracting(e -> e.getString("type")).containsExactly("missed", "missed", "missed", "live");
    assertThat(offsets(events)).containsExactly(4L, 6L, 8L, 10L);
    Awaitility.await().during(java.time.Duration.ofMillis(300)).until(() -> onB.events().size() == 4);
  }
}
