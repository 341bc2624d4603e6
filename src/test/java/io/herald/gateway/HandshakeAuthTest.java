package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.testing.RawJwt;
import io.herald.testing.TestClient;
import io.herald.testing.PlainHttp;
import io.herald.testing.TestNode;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication happens before the upgrade, with real tokens and a real server. */
class HandshakeAuthTest {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static void assertRefused(WebSocketConnectOptions options, int status, String reason) {
    UpgradeRejectedException e = node.refusedUpgrade(options);
    assertThat(e.getStatus()).isEqualTo(status);
    assertThat(TestNode.reasonOf(e)).isEqualTo(reason);
  }

  static WebSocketConnectOptions withQueryToken(String token) {
    return node.wsOptions().setURI("/v1.0/ws?token=" + token);
  }

  static String agentClaims(String expire) {
    return new JsonObject().put("type", "agent").put("agent", new JsonObject()
            .put("id", node.agent.toString()).put("customer_id", node.customer.toString())
            .put("permission", Principal.CUSTOMER_ADMIN))
        .put("expire", expire).encode();
  }

  @Test
  void missingTokenIsAuthenticationRequired() {
    UpgradeRejectedException e = node.refusedUpgrade(node.wsOptions());
    assertThat(e.getStatus()).isEqualTo(401);
    assertThat(new JsonObject(e.getBody())).isEqualTo(new JsonObject().put("error", new JsonObject()
        .put("status", "UNAUTHENTICATED").put("reason", "AUTHENTICATION_REQUIRED")
        .put("message", "a token is required")));
  }

  @Test
  void tokenIsAcceptedFromCookieQueryOrBearerHeader() {
    String token = node.adminToken();
    TestClient viaCookie = TestNode.await(node.connect(node.wsOptions().addHeader("Cookie", "token=" + token)));
    TestClient viaQuery = node.connect(token);
    TestClient viaHeader = TestNode.await(node.connect(
        node.wsOptions().addHeader("Authorization", "Bearer " + token)));
    for (TestClient client : new TestClient[] {viaCookie, viaQuery, viaHeader}) {
      assertThat(client.subscribe("r", "call").getString("type")).isEqualTo("subscribed");
      client.close();
    }
  }

  @Test
  void cookieWinsOverQueryAndHeader() {
    String good = node.adminToken();
    TestClient client = TestNode.await(node.connect(node.wsOptions()
        .setURI("/v1.0/ws?token=garbage").addHeader("Cookie", "token=" + good)
        .addHeader("Authorization", "Bearer garbage")));
    client.close();
    assertRefused(node.wsOptions().setURI("/v1.0/ws?token=garbage")
        .addHeader("Authorization", "Bearer " + good), 401, "INVALID_CREDENTIALS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "..."})
  void garbageTokensAreInvalidCredentials(String token) {
    assertRefused(withQueryToken(token), 401, "INVALID_CREDENTIALS");
  }

  @Test
  void tokenSignedWithAnotherSecretIsInvalid() {
    String forged = RawJwt.hs256("another-secret-0123456789-abcdefghijklmnop", agentClaims("2099-01-01T00:00:00Z"));
    assertRefused(withQueryToken(forged), 401, "INVALID_CREDENTIALS");
    // The same claims signed with the node's secret pass, so the refusal was the signature.
    TestNode.await(node.connect(withQueryToken(
        RawJwt.hs256(TestNode.SECRET, agentClaims("2099-01-01T00:00:00Z"))))).close();
  }

  @Test
  void unsignedTokenIsInvalid() {
    assertRefused(withQueryToken(RawJwt.unsigned(agentClaims("2099-01-01T00:00:00Z"))), 401,
        "INVALID_CREDENTIALS");
  }

  @Test
  void expiredTokensAreInvalid() {
    assertRefused(withQueryToken(RawJwt.hs256(TestNode.SECRET, agentClaims("2020-01-01T00:00:00Z"))),
        401, "INVALID_CREDENTIALS");
    String expiredExp = new JsonObject().put("customer", new JsonObject().put("id", node.customer.toString()))
        .put("exp", Instant.now().minusSeconds(5).getEpochSecond()).encode();
    assertRefused(withQueryToken(RawJwt.hs256(TestNode.SECRET, expiredExp)), 401, "INVALID_CREDENTIALS");
  }

  @Test
  void tokenWithoutExpiryIsInvalid() {
    String claims = new JsonObject().put("customer", new JsonObject().put("id", node.customer.toString())).encode();
    assertRefused(withQueryToken(RawJwt.hs256(TestNode.SECRET, claims)), 401, "INVALID_CREDENTIALS");
  }

  @Test
  void hugeTokenIsRefusedCleanly() {
    assertRefused(node.wsOptions().addHeader("Authorization", "Bearer " + "x".repeat(7000)),
        401, "INVALID_CREDENTIALS");
  }

  @Test
  void serviceTokenMayNotSubscribe() {
    assertRefused(withQueryToken(node.serviceToken()), 403, "PERMISSION_DENIED");
  }

  @Test
  void plainHttpRequestToTheSocketEndpointIsABadRequest() {
    PlainHttp.Response response = node.get("/v1.0/ws?token=" + node.adminToken());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.reason()).isEqualTo("BAD_REQUEST");
  }

  @Test
  void legacyCustomerTokenConnectsAsAdminOfItsCustomer() {
    TestClient client = node.connect(node.issuer.customerToken(node.customer, TestNode.inAnHour()));
    assertThat(client.subscribe("r", "call").getJsonArray("topics").getList())
        .containsExactly(node.customerTopic("call"));
    client.send(new JsonObject().put("type", "subscribe").put("id", "x")
        .put("topics", java.util.List.of("customer_id:" + UUID.randomUUID())));
    assertThat(client.awaitError("x").getString("reason")).isEqualTo("PERMISSION_DENIED");
    client.close();
  }

  @Test
  void refreshMovesTheExpiryOfAnOpenConnection() {
    Instant first = Instant.now().plusMillis(1500);
    Instant second = Instant.now().plusMillis(4000);
    TestClient client = node.connect(node.issuer.agentToken(node.agent, node.customer,
        Principal.CUSTOMER_ADMIN, first));
    client.subscribe("r", "call");
    client.send(new JsonObject().put("type", "refresh").put("id", "ext")
        .put("token", node.issuer.agentToken(node.agent, node.customer, Principal.CUSTOMER_ADMIN, second)));
    assertThat(client.awaitFrame(f -> "refreshed".equals(f.getString("type"))).getString("id")).isEqualTo("ext");
    // Open through the first expiry and a while after it...
    org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(2000))
        .atMost(java.time.Duration.ofSeconds(3)).until(() -> !client.isClosed());
    assertThat(Instant.now()).isAfter(first);
    // ...and closed with 4001 at the second.
    assertThat(client.awaitClose()).isEqualTo((short) 4001);
    assertThat(Instant.now()).isAfterOrEqualTo(second);
  }

  @Test
  void connectionIsClosedWith4001WhenItsTokenExpires() {
    Instant soon = Instant.now().plusMillis(1500);
    TestClient client = node.connect(node.issuer.agentToken(node.agent, node.customer,
        Principal.CUSTOMER_ADMIN, soon));
    client.subscribe("r", "call");
    assertThat(client.awaitClose()).isEqualTo((short) 4001);
    assertThat(Instant.now()).isAfterOrEqualTo(soon);
  }
}
