package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscribing and receiving, end to end over real sockets. Absence is proven without sleeping:
 * a node delivers in acceptance order, so once a later "marker" event has arrived, an earlier
 * event that was going to arrive would have.
 */
class DeliveryTest {
  TestNode node;

  @BeforeEach
  void start() {
    node = TestNode.start();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  JsonObject event(String type, String... topics) {
    return new JsonObject().put("type", type).put("topics", new JsonArray(List.of(topics)))
        .put("data", new JsonObject().put("n", type));
  }

  /** Publishes a marker only {@code client} can see, and waits for it. */
  void awaitMarker(TestClient client, String markerTopic) {
    String id = UUID.randomUUID().toString();
    node.publish(new JsonObject().put("type", "marker").put("topic", markerTopic).put("data", id));
    client.awaitFrame(f -> "marker".equals(f.getString("type")) && id.equals(f.getString("data")));
  }

  @Test
  void subscriberReceivesTheEventWithItsMatchedTopicAndData() {
    TestClient client = node.subscriber("call");
    String topic = node.customerTopic("call:" + UUID.randomUUID());
    node.publish(event("call_updated", topic));
    JsonObject frame = client.awaitEvents(1).get(0);
    assertThat(frame).isEqualTo(new JsonObject().put("type", "call_updated").put("topic", topic)
        .put("data", new JsonObject().put("n", "call_updated")));
  }

  @Test
  void framesOfEveryLengthEncodingArriveIntactAndInOrder() {
    // WebSocket headers carry the payload length in 7, 16 or 64 bits; sockets write Herald's own
    // headers, so each size class goes through a real client's decoder, in one gathered write.
    TestClient client = node.subscriber("call");
    int[] sizes = {1, 100, 300, 65_000, 70_000, 200_000, 5};
    JsonArray batch = new JsonArray();
    for (int size : sizes) {
      batch.add(new JsonObject().put("type", "sized").put("topic", node.customerTopic("call:1"))
          .put("data", "d".repeat(size)));
    }
    assertThat(node.publish(node.serviceToken(), batch.encode()).status()).isEqualTo(202);
    List<JsonObject> frames = client.awaitEvents(sizes.length);
    assertThat(frames).extracting(f -> f.getString("data").length())
        .containsExactly(1, 100, 300, 65_000, 70_000, 200_000, 5);
  }

  @Test
  void ackGivesCanonicalTopicsForUnscopedAndWildcardForms() {
    TestClient client = node.connect(node.adminToken());
    JsonObject ack = client.subscribe("r1", "activeflow:7", node.customerTopic("queue") + ":*");
    assertThat(ack.getJsonArray("topics").getList())
        .containsExactly(node.customerTopic("activeflow:7"), node.customerTopic("queue"));
  }

  @Test
  void prefixMatchesWholeSegmentsOnly() {
    TestClient client = node.subscriber("conference");
    node.publish(event("wrong", node.customerTopic("conferencecall:1")));
    node.publish(event("right", node.customerTopic("conference:1")));
    client.awaitFrame(f -> "right".equals(f.getString("type")));
    awaitMarker(client, node.customerTopic("conference"));
    assertThat(client.events()).extracting(f -> f.getString("type"))
        .containsExactly("right", "marker");
  }

  @Test
  void anotherTenantsEventsNeverArrive() {
    TestClient client = node.subscriber("call");
    UUID otherCustomer = UUID.randomUUID();
    TestClient other = node.connect(node.agentToken(UUID.randomUUID(), otherCustomer,
        Principal.CUSTOMER_ADMIN));
    other.subscribe("o", "call");
    node.publish(event("theirs", "customer_id:" + otherCustomer + ":call:1"));
    awaitMarker(client, node.customerTopic("call:m"));
    other.awaitFrame(f -> "theirs".equals(f.getString("type")));
    assertThat(client.events()).extracting(f -> f.getString("type")).containsExactly("marker");
  }

  @Test
  void eventMatchingSeveralSubscriptionsAndTopicsArrivesOnce() {
    UUID agent = node.agent;
    TestClient client = node.connect(node.adminToken());
    client.subscribe("s", "call", "call:1", node.customerTopic(""), "agent_id:" + agent);
    node.publish(event("both", node.customerTopic("call:1"), "agent_id:" + agent + ":call:1"));
    awaitMarker(client, node.customerTopic("m"));
    List<JsonObject> events = client.events();
    assertThat(events).extracting(f -> f.getString("type")).containsExactly("both", "marker");
    // The first of the event's topics that matched is the one reported.
    assertThat(events.get(0).getString("topic")).isEqualTo(node.customerTopic("call:1"));
  }

  @Test
  void eachTopicOfAnEventReachesItsOwnSubscribersWithThatTopic() {
    TestClient byCustomer = node.subscriber("call");
    TestClient byAgent = node.connect(node.agentToken(node.agent, node.customer, Principal.AGENT));
    byAgent.subscribe("a", "agent_id:" + node.agent);
    String agentTopic = "agent_id:" + node.agent + ":call:1";
    node.publish(event("call_updated", node.customerTopic("call:1"), agentTopic));
    assertThat(byCustomer.awaitEvents(1).get(0).getString("topic")).isEqualTo(node.customerTopic("call:1"));
    assertThat(byAgent.awaitEvents(1).get(0).getString("topic")).isEqualTo(agentTopic);
  }

  @Test
  void eventsForATopicArriveInPublishOrderOnEveryConnection() {
    List<TestClient> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) { // spread over the node's event loops
      clients.add(node.subscriber("call"));
    }
    int count = 500;
    String topic = node.customerTopic("call:ordered");
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      batch.add(new JsonObject().put("type", "seq").put("topic", topic).put("data", i));
      if (batch.size() == 100) {
        assertThat(node.publish(node.serviceToken(), batch.encode()).status()).isEqualTo(202);
        batch = new JsonArray();
      }
    }
    for (TestClient client : clients) {
      List<Integer> seen = client.awaitEvents(count).stream().map(f -> f.getInteger("data")).toList();
      assertThat(seen).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
    }
  }

  @Test
  void unsubscribeStopsDelivery() {
    TestClient client = node.subscriber("call", "queue");
    client.unsubscribe("u", "call");
    node.publish(event("gone", node.customerTopic("call:1")));
    awaitMarker(client, node.customerTopic("queue:1"));
    assertThat(client.events()).extracting(f -> f.getString("type")).containsExactly("marker");
  }

  @Test
  void closedConnectionsLeaveNoSubscriptionsBehind() {
    TestClient leaving = node.subscriber("call");
    TestClient staying = node.subscriber("call");
    leaving.close();
    leaving.awaitClose();
    node.publish(event("after", node.customerTopic("call:1")));
    staying.awaitEvents(1);
    assertThat(leaving.events()).isEmpty();
  }

  @Test
  void eventBusPublishReachesSubscribers() {
    TestClient client = node.subscriber("call");
    JsonObject reply = TestNode.await(node.vertx.eventBus().<JsonObject>request(
        "herald.events.publish", event("via_bus", node.customerTopic("call:1")))).body();
    assertThat(reply).isEqualTo(new JsonObject().put("accepted", 1));
    assertThat(client.awaitEvents(1).get(0).getString("type")).isEqualTo("via_bus");
  }
}
