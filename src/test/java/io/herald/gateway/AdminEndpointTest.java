package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestNode;
import io.vertx.core.http.RequestOptions;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminEndpointTest {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static PlainHttp.Response get(String token) {
    RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI("/v1.0/admin/cluster");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    return node.request(options, null);
  }

  @Test
  void superAdminSeesTheRoutingState() {
    PlainHttp.Response response = get(node.agentToken(UUID.randomUUID(), node.customer, Principal.SUPER_ADMIN));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getBoolean("clustered")).isFalse();
  }

  @Test
  void everyoneElseIsRefused() {
    assertThat(get(null).status()).isEqualTo(401);
    assertThat(get(node.adminToken()).reason()).isEqualTo("PERMISSION_DENIED");
    assertThat(get(node.adminToken()).status()).isEqualTo(403);
    assertThat(get(node.serviceToken()).status()).isEqualTo(403);
  }
}
