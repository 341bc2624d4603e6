package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node sequencing a customer leaves (gracefully): its successor starts new chains, and a node
 * that had been sent only some of the customer's events fills the possible gap from the history.
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
}
