package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.herald.auth.Principal;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node sequencing a customer changes. When it leaves (gracefully), its successor starts new
 * chains, and a node that had been sent only some of the customer's events fills the possible gap
 * from the history. When a member joins, it sequences the customers of its partitions before its
 * node can route; what it sequenced meanwhile reaches the subscribers once it can.
 */
class StreamHandoverTest {
  final List<TestNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(TestNode::close);
  }

  static JsonObject stream(TestNode node, UUID customer) {
    String admin = node.agentToken(UUID.randomUUID(), UUID.randomUUID(), Principal.SUPER_ADMIN);
    io.herald.testing.PlainHttp.Response response = node.request(new io.vertx.core.http.RequestOptions()
        .setHost("127.0.0.1").setPort(node.port()).setURI("/v1.0/admin/streams/" + customer)
        .putHeader("Authorization", "Bearer " + admin), null);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  static JsonObject event(String type, UUID customer, String resource) {
    return new JsonObject().put("type", type).put("topic", "customer_id:" + customer + ":" + resource);
  }

  @Test
  void aNodeSentOnlySomeEventsFillsTheGapWhenTheSequencerChanges() {
    TestNode.startCluster(3, c -> c.put("HERALD_HISTORY_ENABLED", true), nodes);
    UUID customer = UUID.randomUUID();
    String sequencerId = stream(nodes.get(0), customer).getString("sequencer");
    TestNode sequencer = nodes.stream()
        .filter(n -> n.verticle.cluster().nodeId().equals(sequencerId)).findFirst().orElseThrow();
    List<TestNode> others = nodes.stream().filter(n -> n != sequencer).toList();
    TestNode watched = others.get(0);
    TestNode publisher = others.get(1);
    TestClient chats = watched.connect(
        watched.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN));
    chats.subscribe("s", "chat");
    publisher.publish(event("chat", customer, "chat:1"));
    publisher.publish(event("call", customer, "call:1")); // never sent to `watched`: no interest
    publisher.publish(event("call", customer, "call:2"));
    publisher.publish(event("chat", customer, "chat:2"));
    assertThat(chats.awaitEvents(2)).extracting(e -> e.getLong("offset")).containsExactly(1L, 4L);

    sequencer.close();
    nodes.remove(sequencer);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !sequencerId.equals(stream(publisher, customer).getString("sequencer")));
    publisher.awaitPartitionsSettled();
    publisher.publish(event("call", customer, "call:3"));
    publisher.publish(event("chat", customer, "chat:3"));

    List<JsonObject> events = chats.awaitEvents(3);
    assertThat(events).extracting(e -> e.getLong("offset")).containsExactly(1L, 4L, 6L);
    assertThat(events).extracting(e -> e.getString("epoch")).containsOnly(events.get(0).getString("epoch"));
    // The first event from the new sequencer had no chain link: `watched` read offsets 5-6 from
    // the history before passing 6 on, and lost nothing.
    String metrics = watched.get("/metrics").body();
    assertThat(metrics).contains("herald_stream_fills_total 1.0").contains("herald_stream_lost_total 0.0");
  }

  @Test
  void aJoiningMemberHandsOverWhatItSequencedBeforeItsNodeCouldRoute() {
    String name = TestNode.randomClusterName();
    UnaryOperator<JsonObject> history = c -> c.put("HERALD_HISTORY_ENABLED", true);
    nodes.add(TestNode.startClustered(name, List.of(), history));
    nodes.add(TestNode.startClustered(name, List.copyOf(nodes), history));
    TestNode subscribed = nodes.get(0);
    TestNode publisher = nodes.get(1);
    AtomicReference<TestClient> client = new AtomicReference<>();
    nodes.add(TestNode.startClustered(name, List.copyOf(nodes), history, joined -> {
      // The new member has joined and owns partitions; Herald is not deployed on it yet.
      TestNode.awaitPartitionsSettled(joined);
      UUID customer = ownedBy(TestNode.hazelcast(joined));
      TestClient calls = subscribed.connect(
          subscribed.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN));
      calls.subscribe("s", "call");
      client.set(calls);
      for (int i = 1; i <= 3; i++) {
        publisher.publish(event("call_updated", customer, "call:" + i));
      }
    }));

    // Nothing is published after the new node started: the three events were held on its
    // member and handed over once its cluster verticle knew who wants them.
    List<JsonObject> events = client.get().awaitEvents(3);
    assertThat(events).extracting(e -> e.getLong("offset")).containsExactly(1L, 2L, 3L);
    assertThat(events).extracting(e -> e.getString("topic")).allMatch(t -> t.endsWith(":call:1")
        || t.endsWith(":call:2") || t.endsWith(":call:3"));
    assertThat(subscribed.get("/metrics").body()).contains("herald_stream_lost_total 0.0");
  }

  @Test
  void nodesForgetTheStreamStateOfIdleCustomersAndTheStreamGoesOn() {
    TestNode.startCluster(2, c -> c.put("HERALD_HISTORY_ENABLED", true).put("HERALD_HISTORY_TTL", 1), nodes);
    TestNode subscribed = nodes.get(0);
    TestNode publisher = nodes.get(1);
    UUID customer = UUID.randomUUID();
    TestClient calls = subscribed.connect(
        subscribed.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN));
    calls.subscribe("s", "call");
    publisher.publish(event("call_updated", customer, "call:1"));
    assertThat(calls.awaitEvents(1)).extracting(e -> e.getLong("offset")).containsExactly(1L);
    // The sequencer's chain links and the receiver's cursor (on whichever nodes they are).
    assertThat(nodes).anySatisfy(n -> assertThat(streamCustomers(n)).isEqualTo(1));

    // Idle for longer than the history keeps events: nothing of the customer stays on any node.
    await().atMost(Duration.ofSeconds(30))
        .until(() -> nodes.stream().allMatch(n -> streamCustomers(n) == 0));
    publisher.publish(event("call_updated", customer, "call:2"));
    List<JsonObject> events = calls.awaitEvents(2);
    assertThat(events).extracting(e -> e.getLong("offset")).containsExactly(1L, 2L);
    assertThat(events.get(1).getString("epoch")).isEqualTo(events.get(0).getString("epoch"));
  }

  static long streamCustomers(TestNode node) {
    return TestNode.await(node.verticle.cluster().describe()).getLong("streamCustomers");
  }

  /** A customer whose stream the given member sequences. */
  static UUID ownedBy(HazelcastInstance member) {
    for (int tries = 0; tries < 10_000; tries++) {
      UUID customer = UUID.randomUUID();
      if (member.getPartitionService().getPartition(CustomerSequencer.key(customer))
          .getOwner().localMember()) {
        return customer;
      }
    }
    throw new AssertionError("the member owns no partition");
  }
}
