package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad frames get an error frame or a close code, and nobody else notices. */
class HostileClientTest {
  TestNode node;
  TestClient bystander;

  @BeforeEach
  void start() {
    node = TestNode.start(s -> s);
    bystander = node.subscriber("call");
  }

  @AfterEach
  void stop() {
    // The bystander still gets events after every abuse below.
    String id = UUID.randomUUID().toString();
    node.publish(new JsonObject().put("type", "still_served").put("topic", node.customerTopic("call:1"))
        .put("data", id));
    bystander.awaitFrame(f -> id.equals(f.getString("data")));
    node.close();
  }

  @Test
  void malformedFramesGetBadRequestAndTheConnectionStaysOpen() {
    TestClient client = node.connect(node.adminToken());
    List<String> frames = List.of("not json", "[1,2]", "{\"type\":\"subscribe\"}",
        "{\"type\":\"fly\",\"id\":\"f\",\"topics\":[\"call\"]}", "{\"type\":\"subscribe\",\"topics\":[3]}",
        "{\"type\":\"subscribe\",\"topics\":[\"call\"]", "\u0000\u0001", "{\"type\":\"subscribe\",\"x\":"
            + "[".repeat(5000));
    for (String frame : frames) {
      client.send(frame);
    }
    client.subscribe("after", "call");
    List<JsonObject> errors = client.received().stream()
        .filter(f -> "error".equals(f.getString("type"))).toList();
    assertThat(errors).hasSize(frames.size())
        .allSatisfy(f -> assertThat(f.getString("reason")).isEqualTo("BAD_REQUEST"));
    assertThat(errors.get(3).getString("id")).isEqualTo("f");
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void invalidAndForbiddenTopicsAreErrorsWhileValidOnesApply() {
    TestClient client = node.connect(node.adminToken());
    String foreign = "customer_id:" + UUID.randomUUID() + ":call";
    client.send(new JsonObject().put("type", "subscribe").put("id", "m")
        .put("topics", List.of("queue", "bad topic!", foreign, "agent_id:" + UUID.randomUUID())));
    JsonObject ack = client.awaitFrame(f -> "subscribed".equals(f.getString("type")));
    assertThat(ack.getJsonArray("topics").getList()).containsExactly(node.customerTopic("queue"));
    JsonObject invalid = client.awaitFrame(f -> "INVALID_TOPIC".equals(f.getString("reason")));
    assertThat(invalid.getString("id")).isEqualTo("m");
    assertThat(invalid.getJsonArray("topics").getList()).containsExactly("bad topic!");
    JsonObject denied = client.awaitFrame(f -> "PERMISSION_DENIED".equals(f.getString("reason")));
    assertThat(denied.getJsonArray("topics")).hasSize(2);
  }

  @Test
  void subscriptionCapIsEnforced() {
    node.close();
    node = TestNode.start(config -> config.put("HERALD_MAX_SUBSCRIPTIONS", 3));
    bystander = node.subscriber("call");
    TestClient client = node.connect(node.adminToken());
    client.send(new JsonObject().put("type", "subscribe").put("id", "cap")
        .put("topics", List.of("a", "b", "c", "d", "e")));
    assertThat(client.awaitError("cap").getString("reason")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
    assertThat(client.awaitError("cap").getJsonArray("topics").getList()).containsExactly("d", "e");
  }

  @Test
  void defaultCapIsAThousandSubscriptions() {
    TestClient client = node.connect(node.adminToken());
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      topics.add("call:" + i);
    }
    client.send(new JsonObject().put("type", "subscribe").put("id", "k").put("topics", topics));
    assertThat(client.awaitFrame(f -> "subscribed".equals(f.getString("type"))).getJsonArray("topics"))
        .hasSize(1000);
    assertThat(client.awaitError("k").getJsonArray("topics").getList()).containsExactly("call:1000");
  }

  @Test
  void controlFrameFloodIsRateLimited() {
    TestClient client = node.connect(node.adminToken());
    for (int i = 0; i < 300; i++) {
      client.send(new JsonObject().put("type", "subscribe").put("id", "f" + i).put("topics", List.of("call")));
    }
    JsonObject limited = client.awaitFrame(f -> "RATE_LIMITED".equals(f.getString("reason")));
    assertThat(limited.getString("id")).startsWith("f");
    client.awaitFrame(f -> "f299".equals(f.getString("id")));
    long acks = client.received().stream().filter(f -> "subscribed".equals(f.getString("type"))).count();
    // The burst of 100, plus what refilled at 50/s while the frames were arriving.
    assertThat(acks).isBetween(100L, 200L);
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void oversizedMessageClosesWith1009() {
    TestClient client = node.connect(node.adminToken());
    client.send("{\"type\":\"subscribe\",\"topics\":[\"call\"],\"pad\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(client.awaitClose()).isEqualTo((short) 1009);
  }

  @Test
  void oversizedFragmentedMessageClosesWith1009() {
    TestClient client = node.connect(node.adminToken());
    String chunk = "x".repeat(30_000);
    client.socket.writeFrame(WebSocketFrame.textFrame("{\"pad\":\"" + chunk, false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(chunk), false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(chunk + "\"}"), true));
    assertThat(client.awaitClose()).isEqualTo((short) 1009);
  }

  @Test
  void fragmentedMessageUnderTheLimitIsOneMessage() {
    TestClient client = node.connect(node.adminToken());
    client.socket.writeFrame(WebSocketFrame.textFrame("{\"type\":\"subscribe\",", false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"id\":\"frag\","), false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"topics\":[\"call\"]}"), true));
    assertThat(client.awaitFrame(f -> "frag".equals(f.getString("id"))).getString("type"))
        .isEqualTo("subscribed");
  }

  @Test
  void messageJustUnderTheLimitIsFine() {
    TestClient client = node.connect(node.adminToken());
    String prefix = "{\"type\":\"subscribe\",\"id\":\"big\",\"topics\":[\"call\"],\"pad\":\"";
    client.send(prefix + "x".repeat(65536 - prefix.length() - 2) + "\"}");
    client.awaitFrame(f -> "big".equals(f.getString("id")));
  }

  @Test
  void binaryFrameClosesWith1003() {
    TestClient client = node.connect(node.adminToken());
    client.socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
    assertThat(client.awaitClose()).isEqualTo((short) 1003);
  }
}
