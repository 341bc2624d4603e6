package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.http.UpgradeRejectedException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may open a WebSocket at all: quotas and browser origins, decided before the upgrade. */
class AdmissionTest {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(config -> config.put("HERALD_MAX_CONNECTIONS_PER_CUSTOMER", 2)
        .put("HERALD_MAX_CONNECTIONS", 5)
        .put("HERALD_ALLOWED_ORIGINS", "https://app.example.com, https://admin.example.com"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  String tokenOf(UUID customer) {
    return node.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN);
  }

  @Test
  void customerOverItsCapGets429UntilAConnectionCloses() {
    UUID customer = UUID.randomUUID();
    TestClient first = node.connect(tokenOf(customer));
    TestClient second = node.connect(tokenOf(customer));
    UpgradeRejectedException third = node.refusedUpgrade(node.wsOptions().setURI("/v1.0/ws?token=" + tokenOf(customer)));
    assertThat(third.getStatus()).isEqualTo(429);
    assertThat(TestNode.reasonOf(third)).isEqualTo("TOO_MANY_CONNECTIONS");
    TestClient otherCustomer = node.connect(tokenOf(UUID.randomUUID()));
    first.close();
    first.awaitClose();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> node.connect(tokenOf(customer)) != null);
    second.close();
    otherCustomer.close();
  }

  @Test
  void browserFromAnotherOriginGets403AndListedOriginsOrNoOriginPass() {
    UpgradeRejectedException evil = node.refusedUpgrade(node.wsOptions()
        .setURI("/v1.0/ws?token=" + tokenOf(UUID.randomUUID())).setAllowOriginHeader(true).putHeader("Origin", "https://evil.example.net"));
    assertThat(evil.getStatus()).isEqualTo(403);
    assertThat(TestNode.reasonOf(evil)).isEqualTo("ORIGIN_NOT_ALLOWED");
    TestClient listed = TestNode.await(node.connect(node.wsOptions()
        .setURI("/v1.0/ws?token=" + tokenOf(UUID.randomUUID())).setAllowOriginHeader(true).putHeader("Origin", "https://ADMIN.example.com")));
    TestClient noOrigin = node.connect(tokenOf(UUID.randomUUID()));
    listed.close();
    noOrigin.close();
  }
}
