package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One node with HERALD_HISTORY_ENABLED: positions in frames, resume, drain (issue 8). */
class StreamResumeTest {
  TestNode node;

  TestNode start(int size) {
    node = TestNode.start(c -> c.put("HERALD_HISTORY_ENABLED", true).put("HERALD_HISTORY_SIZE", size));
    return node;
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  JsonObject event(String type, String topic) {
    return new JsonObject().put("type", type).put("topic", topic).put("data", new JsonObject().put("n", type));
  }

  static JsonObject subscribe(String id, JsonObject since, String... topics) {
    return new JsonObject().put("type", "subscribe").put("id", id).put("topics", List.of(topics))
        .put("since", since);
  }

  static JsonObject ack(TestClient client, String id) {
    return client.awaitFrame(f -> "subscribed".equals(f.getString("type")) && id.equals(f.getString("id")));
  }

  static List<Long> offsets(List<JsonObject> events) {
    return events.stream().map(e -> e.getLong("offset")).toList();
  }

  @Test
  void eventsCarryConsecutiveOffsetsOfTheirCustomerAndTheAckAPosition() {
    start(100);
    TestClient client = node.connect(node.adminToken());
    JsonObject ack = client.subscribe("s", node.customerTopic("call"));
    JsonObject position = ack.getJsonObject("position");
    assertThat(position.getLong("offset")).isZero(); // a new stream: nothing published yet
    for (int i = 1; i <= 3; i++) {
      node.publish(event("e" + i, node.customerTopic("call:" + i)));
    }
    List<JsonObject> events = client.awaitEvents(3);
    assertThat(offsets(events)).containsExactly(1L, 2L, 3L);
    assertThat(events).allMatch(e -> e.getString("epoch").equals(position.getString("epoch")));
    assertThat(events.get(0).getString("topic")).isEqualTo(node.customerTopic("call:1"));
    assertThat(events.get(0).getJsonObject("data").getString("n")).isEqualTo("e1");
  }

  @Test
  void aResumeReplaysExactlyWhatMatchedAfterThePositionThenGoesLive() {
    start(100);
    TestClient first = node.connect(node.adminToken());
    first.subscribe("s", node.customerTopic("call"));
    node.publish(event("a", node.customerTopic("call:1")));
    node.publish(event("b", node.customerTopic("call:2")));
    JsonObject last = first.awaitEvents(2).get(1);
    first.close();
    first.awaitClose();
    // While the client is away: two calls, and a chat it does not follow.
    node.publish(event("c", node.customerTopic("call:3")));
    node.publish(event("chat", node.customerTopic("chat:1")));
    node.publish(event("d", node.customerTopic("call:4")));

    TestClient back = node.connect(node.adminToken());
    back.send(subscribe("r", new JsonObject().put("offset", last.getLong("offset"))
        .put("epoch", last.getString("epoch")), node.customerTopic("call")));
    JsonObject ack = ack(back, "r");
    assertThat(ack.getBoolean("recovered")).isTrue();
    node.publish(event("e", node.customerTopic("call:5")));

    List<JsonObject> events = back.awaitEvents(3);
    assertThat(events).extracting(e -> e.getString("type")).containsExactly("c", "d", "e");
    assertThat(offsets(events)).containsExactly(3L, 5L, 6L);
    // The ack comes before the replay.
    assertThat(back.received().indexOf(ack)).isLessThan(back.received().indexOf(events.get(0)));
  }

  @Test
  void aResumeFromAnotherEpochOrBeyondTheHistoryIsNotRecovered() {
    start(2);
    TestClient client = node.connect(node.adminToken());
    JsonObject ack = client.subscribe("s", node.customerTopic(""));
    String epoch = ack.getJsonObject("position").getString("epoch");
    for (int i = 1; i <= 5; i++) {
      node.publish(event("e" + i, node.customerTopic("call:" + i)));
    }
    client.awaitEvents(5);

    TestClient otherEpoch = node.connect(node.adminToken());
    otherEpoch.send(subscribe("x", new JsonObject().put("offset", 4).put("epoch", "not-this-one"),
        node.customerTopic("")));
    JsonObject refused = ack(otherEpoch, "x");
    assertThat(refused.getBoolean("recovered")).isFalse();
    assertThat(refused.getJsonObject("position"))
        .isEqualTo(new JsonObject().put("offset", 5).put("epoch", epoch));

    TestClient tooOld = node.connect(node.adminToken()); // the history holds offsets 4 and 5 only
    tooOld.send(subscribe("o", new JsonObject().put("offset", 2).put("epoch", epoch), node.customerTopic("")));
    assertThat(ack(tooOld, "o").getBoolean("recovered")).isFalse();
    TestClient recent = node.connect(node.adminToken());
    recent.send(subscribe("n", new JsonObject().put("offset", 3).put("epoch", epoch), node.customerTopic("")));
    assertThat(ack(recent, "n").getBoolean("recovered")).isTrue();
    assertThat(offsets(recent.awaitEvents(2))).containsExactly(4L, 5L);

    node.publish(event("live", node.customerTopic("call:6")));
    assertThat(offsets(otherEpoch.awaitEvents(1))).containsExactly(6L);
    assertThat(offsets(tooOld.awaitEvents(1))).containsExactly(6L); // nothing replayed, live goes on
  }

  @Test
  void sinceIsAcceptedOnlyInTheFirstSubscribeOfAConnection() {
    start(100);
    TestClient client = node.connect(node.adminToken());
    JsonObject ack = client.subscribe("s", node.customerTopic("call"));
    node.publish(event("a", node.customerTopic("chat:1")));
    client.send(subscribe("late", ack.getJsonObject("position"), node.customerTopic("chat")));
    assertThat(client.awaitError("late").getString("reason")).isEqualTo("BAD_REQUEST");
    // Nothing of the refused frame applied: no chat subscription, no replay.
    node.publish(event("b", node.customerTopic("call:1")));
    assertThat(client.awaitEvents(1)).extracting(e -> e.getString("type")).containsExactly("b");
  }

  @Test
  void aResumeReplaysEverySubscriptionTheConnectionHoldsWhenTheHistoryIsRead() {
    start(100);
    TestClient first = node.connect(node.adminToken());
    JsonObject at = first.subscribe("s", node.customerTopic("call"), node.customerTopic("chat"))
        .getJsonObject("position");
    first.close();
    node.publish(event("call", node.customerTopic("call:1")));
    node.publish(event("chat", node.customerTopic("chat:1")));
    node.publish(event("queue", node.customerTopic("queue:1")));

    TestClient back = node.connect(node.adminToken());
    // What the JavaScript client does with many topics: the rest right behind the resume.
    back.send(subscribe("r", at, node.customerTopic("call")));
    back.send(new JsonObject().put("type", "subscribe").put("id", "more").put("topics",
        List.of(node.customerTopic("chat"))));
    assertThat(ack(back, "r").getBoolean("recovered")).isTrue();
    ack(back, "more");
    List<JsonObject> events = back.awaitEvents(1);
    assertThat(events.get(0).getString("type")).isEqualTo("call");
    // The chat event is replayed only if "more" arrived before the history was read; either way
    // nothing comes twice and the order holds.
    node.publish(event("live", node.customerTopic("chat:2")));
    back.awaitFrame(f -> "live".equals(f.getString("type")));
    assertThat(offsets(back.events())).isSorted().doesNotHaveDuplicates().contains(1L, 4L).doesNotContain(3L);
  }

  @Test
  void agentTopicsBelongToTheCustomerThePublisherNames() {
    start(100);
    TestClient agent = node.connect(node.agentToken(node.agent, node.customer, Principal.AGENT));
    agent.subscribe("a", "agent_id:" + node.agent);
    String agentTopic = "agent_id:" + node.agent + ":call:1";
    PlainHttp.Response unnamed = node.publish(node.serviceToken(), event("x", agentTopic).encode());
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(unnamed.reason()).isEqualTo("BAD_REQUEST");
    PlainHttp.Response twoCustomers = node.publish(node.serviceToken(), new JsonObject().put("type", "x")
        .put("topics", new JsonArray().add(node.customerTopic("a")).add("customer_id:" + java.util.UUID.randomUUID()))
        .encode());
    assertThat(twoCustomers.status()).isEqualTo(400);

    node.publish(event("named", agentTopic).put("customer_id", node.customer.toString()));
    node.publish(event("customer", node.customerTopic("call:1")));
    node.publish(event("again", agentTopic).put("customer_id", node.customer.toString()));
    List<JsonObject> events = agent.awaitEvents(2);
    assertThat(offsets(events)).containsExactly(1L, 3L); // offset 2 was the customer-only event
  }

  @Test
  void theEventBusWayInSequencesEventsTooAndRefusesOnesWithoutACustomer() {
    start(100);
    TestClient client = node.connect(node.agentToken(node.agent, node.customer, Principal.AGENT));
    client.subscribe("a", "agent_id:" + node.agent);
    JsonObject named = event("bus", "agent_id:" + node.agent + ":call:1")
        .put("customer_id", node.customer.toString());
    JsonObject reply = TestNode.await(node.vertx.eventBus().<JsonObject>request(
        "herald.events.publish", named)).body();
    assertThat(reply.getInteger("accepted")).isEqualTo(1);
    assertThat(client.awaitEvents(1).get(0).getLong("offset")).isEqualTo(1L);

    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> TestNode.await(
        node.vertx.eventBus().request("herald.events.publish", event("x", "agent_id:" + node.agent))));
    assertThat(((io.vertx.core.eventbus.ReplyException) refused).failureCode()).isEqualTo(400);
  }

  @Test
  void hostileSinceValuesGetAnErrorAndTheConnectionLivesOn() {
    start(100);
    TestClient client = node.connect(node.adminToken());
    List<Object> hostile = List.of("3", new JsonObject().put("offset", -1).put("epoch", "e"),
        new JsonObject().put("offset", 1).put("epoch", "bad\"epoch"),
        new JsonObject().put("offset", 1.5).put("epoch", "e"),
        new JsonObject().put("offset", new java.math.BigInteger("123456789012345678901234567890")).put("epoch", "e"),
        new JsonObject().put("epoch", "e"));
    for (int i = 0; i < hostile.size(); i++) {
      client.send(new JsonObject().put("type", "subscribe").put("id", "h" + i)
          .put("topics", List.of(node.customerTopic(""))).put("since", hostile.get(i)));
      assertThat(client.awaitError("h" + i).getString("reason")).isEqualTo("BAD_REQUEST");
    }
    assertThat(client.subscribe("ok", node.customerTopic("")).getJsonObject("position")).isNotNull();
  }

  @Test
  void aDrainingNodeTellsEachClientItsPositionBeforeClosing() {
    start(100);
    TestClient client = node.connect(node.adminToken());
    client.subscribe("s", node.customerTopic("call"));
    node.publish(event("a", node.customerTopic("call:1")));
    node.publish(event("chat", node.customerTopic("chat:1"))); // not followed, yet passed
    client.awaitEvents(1);
    node.undeploy();
    assertThat(client.awaitClose()).isEqualTo((short) 1001);
    JsonObject drain = client.received().stream().filter(f -> "drain".equals(f.getString("type")))
        .findFirst().orElseThrow();
    // Everything up to offset 2 that the client follows was sent: it resumes after it.
    assertThat(drain.getJsonObject("position").getLong("offset")).isIn(1L, 2L);
  }

  @Test
  void withHistoryOffFramesHaveNoPositionAndAResumeIsNotRecovered() {
    node = TestNode.start();
    TestClient client = node.connect(node.adminToken());
    client.send(subscribe("r", new JsonObject().put("offset", 3).put("epoch", "e"), node.customerTopic("")));
    JsonObject ack = ack(client, "r");
    assertThat(ack.getBoolean("recovered")).isFalse();
    assertThat(ack.containsKey("position")).isFalse();
    node.publish(event("x", node.customerTopic("call:1")));
    assertThat(client.awaitEvents(1).get(0).containsKey("offset")).isFalse();
  }

  @Test
  void offsetsOfOneCustomerAreGaplessUnderConcurrentPublishers() throws Exception {
    start(1000);
    TestClient client = node.connect(node.adminToken());
    client.subscribe("s", node.customerTopic(""));
    List<java.util.concurrent.CompletableFuture<Void>> publishers = List.of(1, 2, 3).stream()
        .map(p -> java.util.concurrent.CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 50; i++) {
            node.publish(event("p" + p, node.customerTopic("call:" + i)));
          }
        })).toList();
    for (var publisher : publishers) {
      publisher.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(offsets(client.awaitEvents(150)))
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 150).boxed().toList());
  }
}
