package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.PlainHttp;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} in Prometheus text format, moving with what the node does. */
class MetricsEndpointTest {
  TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  static double value(String scrape, String series) {
    Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
        .matcher(scrape);
    assertThat(matcher.find()).as("series %s in:%n%s", series, scrape).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  String scrape() {
    PlainHttp.Response response = node.get("/metrics");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/plain");
    return response.body();
  }

  @Test
  void countersFollowConnectionsEventsAndRefusals() {
    node = TestNode.start();
    TestClient a = node.subscriber("call");
    TestClient b = node.subscriber("call", "queue");
    node.refusedUpgrade(node.wsOptions().setURI("/v1.0/ws?token=garbage"));
    for (int i = 0; i < 3; i++) {
      node.publish(new JsonObject().put("type", "m").put("topic", node.customerTopic("call:" + i)));
    }
    a.awaitEvents(3);
    b.awaitEvents(3);
    String scrape = scrape();
    assertThat(value(scrape, "herald_connections_open")).isEqualTo(2);
    assertThat(value(scrape, "herald_events_accepted_total")).isEqualTo(3);
    assertThat(value(scrape, "herald_frames_delivered_total")).isEqualTo(6);
    assertThat(value(scrape, "herald_handshakes_refused_total{reason=\"INVALID_CREDENTIALS\"}")).isEqualTo(1);
    assertThat(value(scrape, "herald_subscriptions{loop=\"0\"}") + value(scrape, "herald_subscriptions{loop=\"1\"}"))
        .isEqualTo(3);
    assertThat(value(scrape, "herald_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(3);
    assertThat(scrape).contains("jvm_memory_used_bytes").contains("vertx_http_server_active_connections")
        .contains("herald_event_loop_delay_seconds_count{loop=\"0\"}");
    b.socket.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(new byte[] {1}));
    b.awaitClose();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> value(scrape(), "herald_disconnects_total{reason=\"UNSUPPORTED_DATA\"}") == 1
            && value(scrape(), "herald_connections_open") == 1);
  }
}
