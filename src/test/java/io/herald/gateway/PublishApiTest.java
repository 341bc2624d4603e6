package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.herald.testing.PlainHttp.Response;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublishApiTest {
  static TestNode node;
  static TestClient watcher;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    watcher = node.subscriber(node.customerTopic(""));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject event(String type) {
    return new JsonObject().put("type", type).put("topics", new JsonArray()
        .add(node.customerTopic("call:" + UUID.randomUUID()))).put("data", new JsonObject().put("k", 1));
  }

  /** Refused requests publish nothing: the next accepted event is the next thing the watcher sees. */
  static void assertNothingPublishedSince(int eventsBefore) {
    String marker = "marker_" + UUID.randomUUID().toString().replace("-", "");
    node.publish(event(marker));
    watcher.awaitFrame(f -> marker.equals(f.getString("type")));
    assertThat(watcher.events()).hasSize(eventsBefore + 1);
  }

  static void assertError(Response response, int status, String reason) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.reason()).isEqualTo(reason);
  }

  @Test
  void oneEventIsAccepted() {
    Response response = node.publish(node.serviceToken(), event("one").encode());
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json()).isEqualTo(new JsonObject().put("accepted", 1));
    watcher.awaitFrame(f -> "one".equals(f.getString("type")));
  }

  @Test
  void anArrayIsAcceptedInOrder() {
    JsonArray batch = new JsonArray().add(event("b1")).add(event("b2")).add(event("b3"));
    assertThat(node.publish(node.serviceToken(), batch.encode()).json().getInteger("accepted")).isEqualTo(3);
    watcher.awaitFrame(f -> "b3".equals(f.getString("type")));
    assertThat(watcher.events().stream().map(f -> f.getString("type")).filter(t -> t.startsWith("b")))
        .containsExactly("b1", "b2", "b3");
  }

  @Test
  void invalidRequestsAre400AndPublishNothing() {
    int before = watcher.events().size();
    String token = node.serviceToken();
    assertError(node.publish(token, "{not json"), 400, "BAD_REQUEST");
    assertError(node.publish(token, ""), 400, "BAD_REQUEST");
    assertError(node.publish(token, "\"text\""), 400, "BAD_REQUEST");
    JsonObject noType = event("x");
    noType.remove("type");
    assertError(node.publish(token, noType.encode()), 400, "BAD_REQUEST");
    assertError(node.publish(token, event("x").put("topics", new JsonArray().add("call:1")).encode()),
        400, "INVALID_TOPIC");
    JsonArray halfBad = new JsonArray().add(event("good")).add(event("bad").put("topics", new JsonArray().add("x y")));
    assertError(node.publish(token, halfBad.encode()), 400, "INVALID_TOPIC");
    assertError(node.publish(token, "[" + "[".repeat(5000)), 400, "BAD_REQUEST");
    assertNothingPublishedSince(before);
  }

  @Test
  void bodyOverOneMebibyteIs413() {
    int before = watcher.events().size();
    JsonObject big = event("big").put("data", "x".repeat(1024 * 1024));
    assertError(node.publish(node.serviceToken(), big.encode()), 413, "PAYLOAD_TOO_LARGE");
    assertNothingPublishedSince(before);
  }

  @Test
  void refusedOversizedBodiesDoNotStopTheNode() {
    String big = event("big").put("data", "x".repeat(8 * 1024 * 1024)).encode();
    for (int round = 0; round < 10; round++) {
      assertError(node.publish(node.serviceToken(), big), 413, "PAYLOAD_TOO_LARGE");
      assertError(node.publish(null, "{}"), 401, "AUTHENTICATION_REQUIRED");
    }
  }

  @Test
  void stalledOversizedUploadIsAnsweredThenClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1.0/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + node.serviceToken()
          + "\r\nContent-Length: 9000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[64 * 1024]); // then stall, never sending the rest
      out.flush();
      long start = System.nanoTime();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      // readAllBytes returns at end of stream: the node closed the connection by itself.
      assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close")
          .contains("PAYLOAD_TOO_LARGE");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void missingOrBadTokenIs401() {
    assertError(node.publish(null, event("x").encode()), 401, "AUTHENTICATION_REQUIRED");
    assertError(node.publish("nonsense", event("x").encode()), 401, "INVALID_CREDENTIALS");
  }

  @Test
  void nonServiceTokenIs403() {
    int before = watcher.events().size();
    assertError(node.publish(node.adminToken(), event("x").encode()), 403, "PERMISSION_DENIED");
    assertNothingPublishedSince(before);
  }

  @Test
  void unknownPathIs404WithTheEnvelope() {
    assertError(node.get("/v1.0/nothing"), 404, "NOT_FOUND");
  }

  @Test
  void eventBusRefusalCarriesStatusAndEnvelope() {
    Throwable failure = catchThrowable(() -> TestNode.await(node.vertx.eventBus()
        .request("herald.events.publish", new JsonObject().put("type", "x"))));
    assertThat(failure).isInstanceOf(ReplyException.class);
    ReplyException reply = (ReplyException) failure;
    assertThat(reply.failureCode()).isEqualTo(400);
    assertThat(new JsonObject(reply.getMessage()).getJsonObject("error").getString("reason"))
        .isEqualTo("BAD_REQUEST");
  }

  @Test
  void eventBusAcceptsJsonText() {
    JsonObject reply = TestNode.await(node.vertx.eventBus().<JsonObject>request("herald.events.publish",
        new JsonArray().add(event("as_text")).encode())).body();
    assertThat(reply.getInteger("accepted")).isEqualTo(1);
    watcher.awaitFrame(f -> "as_text".equals(f.getString("type")));
  }
}
