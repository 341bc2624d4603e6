package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.herald.testing.TestClient;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestNode;
import io.vertx.core.http.UpgradeRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainTest {
  TestNode node;

  @BeforeEach
  void start() {
    node = TestNode.start();
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void servingNodeIsLiveAndReady() {
    assertThat(node.get("/health/live").status()).isEqualTo(200);
    PlainHttp.Response ready = node.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getString("status")).isEqualTo("UP");
    assertThat(ready.json().getJsonArray("checks").getJsonObject(0).getString("id")).isEqualTo("node");
    assertThat(node.get("/health/live").json().getJsonArray("checks").getJsonObject(0).getString("id"))
        .isEqualTo("http-server");
  }

  @Test
  void drainingNodeIsNotReadyAndRefusesNewConnections() {
    node.verticle.state().drain();
    PlainHttp.Response ready = node.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getString("status")).isEqualTo("DOWN");
    assertThat(ready.json().getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("phase"))
        .isEqualTo("DRAINING");
    assertThat(node.get("/health/live").status()).isEqualTo(200);
    Throwable refused = catchThrowable(() -> node.connect(node.adminToken()));
    assertThat(refused).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(503);
  }

  @Test
  void drainingNodeRefusesPublishesSoPublishersGoElsewhere() {
    node.verticle.state().drain();
    PlainHttp.Response response = node.publish(node.serviceToken(),
        new io.vertx.core.json.JsonObject().put("type", "x").put("topic", node.customerTopic("a")).encode());
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.reason()).isEqualTo("UNAVAILABLE");
  }

  @Test
  void undeployClosesEveryConnectionWithGoingAway() {
    TestClient first = node.subscriber("call");
    TestClient second = node.subscriber("queue");
    node.undeploy();
    assertThat(first.awaitClose()).isEqualTo((short) 1001);
    assertThat(second.awaitClose()).isEqualTo((short) 1001);
  }
}
