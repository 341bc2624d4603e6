package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.testing.TestClient;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three clustered nodes in this JVM, real Hazelcast on 127.0.0.1, real sockets. */
class ClusterDeliveryTest {
  static final List<TestNode> nodes = new ArrayList<>();
  static TestNode a;
  static TestNode b;
  static TestNode c;

  @BeforeAll
  static void formCluster() {
    TestNode.startCluster(3, config -> config, nodes);
    a = nodes.get(0);
    b = nodes.get(1);
    c = nodes.get(2);
  }

  @AfterAll
  static void stop() {
    nodes.forEach(TestNode::close);
  }

  static String admin(TestNode node, UUID customer) {
    return node.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN);
  }

  static TestClient subscriber(TestNode node, UUID customer, String... topics) {
    TestClient client = node.connect(admin(node, customer));
    client.subscribe("s", topics);
    return client;
  }

  static JsonObject event(String type, String topic, Object data) {
    return new JsonObject().put("type", type).put("topic", topic).put("data", data);
  }

  static JsonObject describe(TestNode node) {
    return TestNode.await(node.verticle.cluster().describe());
  }

  @Test
  void eventPublishedOnOneNodeReachesSubscribersOnEveryNode() {
    UUID customer = UUID.randomUUID();
    List<TestClient> clients = List.of(subscriber(a, customer, "call"),
        subscriber(b, customer, "call"), subscriber(c, customer, "call"));
    String topic = "customer_id:" + customer + ":call:" + UUID.randomUUID();
    b.publish(event("call_updated", topic, new JsonObject().put("k", 1)));
    for (TestClient client : clients) {
      JsonObject frame = client.awaitEvents(1).get(0);
      assertThat(frame.getString("topic")).isEqualTo(topic);
      assertThat(frame.getJsonObject("data")).isEqualTo(new JsonObject().put("k", 1));
    }
  }

  @Test
  void ackMeansLiveForAnEventPublishedAtOnceOnAnotherNode() {
    for (int i = 0; i < 30; i++) {
      // A fresh scope each time, so every subscription is new interest for the cluster.
      UUID fresh = UUID.randomUUID();
      TestClient owner = b.connect(b.agentToken(UUID.randomUUID(), fresh, Principal.CUSTOMER_ADMIN));
      owner.subscribe("live" + i, "call");
      String topic = "customer_id:" + fresh + ":call:" + i;
      c.publish(event("after_ack", topic, i));
      assertThat(owner.awaitEvents(1).get(0).getInteger("data")).isEqualTo(i);
      owner.close();
    }
  }

  @Test
  void eventsOnlyTravelToNodesWithInterest() {
    UUID wanted = UUID.randomUUID();
    UUID unwanted = UUID.randomUUID();
    TestClient client = subscriber(b, wanted, "call");
    long before = describe(a).getLong("nodeSends");
    for (int i = 0; i < 20; i++) {
      a.publish(event("nobody", "customer_id:" + unwanted + ":call:" + i, i));
    }
    a.publish(event("somebody", "customer_id:" + wanted + ":call:1", 1));
    client.awaitFrame(f -> "somebody".equals(f.getString("type")));
    // 21 events accepted on a; exactly one crossed to another node.
    assertThat(describe(a).getLong("nodeSends") - before).isEqualTo(1);
  }

  @Test
  void eventsFromOneNodeArriveInOrderOnAnother() {
    UUID customer = UUID.randomUUID();
    TestClient onB = subscriber(b, customer, "call");
    TestClient onC = subscriber(c, customer, "call");
    String topic = "customer_id:" + customer + ":call:ordered";
    int count = 300;
    for (int start = 0; start < count; start += 50) {
      JsonArray batch = new JsonArray();
      for (int i = start; i < start + 50; i++) {
        batch.add(event("seq", topic, i));
      }
      assertThat(a.publish(a.serviceToken(), batch.encode()).status()).isEqualTo(202);
    }
    List<Integer> expected = IntStream.range(0, count).boxed().toList();
    for (TestClient client : List.of(onB, onC)) {
      assertThat(client.awaitEvents(count).stream().map(f -> f.getInteger("data")).toList())
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void lastUnsubscribeWithdrawsTheNodesInterest() {
    UUID customer = UUID.randomUUID();
    String queueEvent = "customer_id:" + customer + ":queue:1";
    TestClient client = subscriber(c, customer, "queue");
    await().atMost(Duration.ofSeconds(10)).until(() -> routesTo(a, c, queueEvent));
    client.unsubscribe("u", "queue");
    await().atMost(Duration.ofSeconds(10)).until(() -> !routesTo(a, c, queueEvent));
  }

  @Test
  void adminEndpointShowsEveryMemberWithItsInterest() {
    UUID customer = UUID.randomUUID();
    subscriber(c, customer, "call");
    PlainHttp.Response response = b.request(new io.vertx.core.http.RequestOptions()
        .setHost("127.0.0.1").setPort(b.port()).setURI("/v1.0/admin/cluster")
        .putHeader("Authorization", "Bearer " + b.agentToken(UUID.randomUUID(), customer, Principal.SUPER_ADMIN)), null);
    assertThat(response.status()).isEqualTo(200);
    JsonObject state = response.json();
    assertThat(state.getString("node")).isEqualTo(b.verticle.cluster().nodeId());
    assertThat(state.getJsonArray("members").getList())
        .containsExactlyInAnyOrder(a.verticle.cluster().nodeId(), c.verticle.cluster().nodeId());
    JsonObject ofC = state.getJsonObject("interest").getJsonObject(c.verticle.cluster().nodeId());
    assertThat(ofC.getInteger("prefixes")).isPositive();
    assertThat(ofC.getLong("version")).isPositive();
  }

  /** Whether {@code from} would send an event on {@code topic} to {@code to}. */
  static boolean routesTo(TestNode from, TestNode to, String topic) {
    return TestNode.await(from.verticle.cluster().wouldRoute(topic))
        .contains(to.verticle.cluster().nodeId());
  }
}
