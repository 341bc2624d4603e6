package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.auth.Principal;
import io.herald.testing.RawJwt;
import io.herald.testing.TestClient;
import io.herald.testing.TestKeys;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RS256 and ES256 tokens checked with public keys from files, the attacks on them, and rotation. */
class PublicKeyAuthTest {
  @TempDir Path dir;
  TestNode node;
  TestKeys rsa;
  TestKeys ec;
  Path rsaFile;

  @BeforeEach
  void start() throws Exception {
    rsa = TestKeys.rsa();
    ec = TestKeys.ec();
    rsaFile = dir.resolve("main.pem");
    Files.writeString(rsaFile, rsa.publicPem());
    Path ecFile = dir.resolve("edge.pem");
    Files.writeString(ecFile, ec.publicPem());
    node = TestNode.start(config -> config
        .put("HERALD_JWT_PUBLIC_KEYS", rsaFile + "," + ecFile)
        .put("HERALD_JWT_CLOCK_SKEW_S", 5)
        .put("HERALD_JWT_KEYS_RELOAD_MS", 200));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  JsonObject claims() {
    return new JsonObject().put("type", "agent")
        .put("agent", new JsonObject().put("id", node.agent.toString())
            .put("customer_id", node.customer.toString()).put("permission", Principal.CUSTOMER_ADMIN))
        .put("exp", Instant.now().plusSeconds(600).getEpochSecond());
  }

  int refusal(String token) {
    return node.refusedUpgrade(node.wsOptions().setURI("/v1.0/ws?token=" + token)).getStatus();
  }

  @Test
  void rs256AndEs256TokensSignedWithConfiguredKeysConnect() {
    node.connect(rsa.sign(node.vertx, "main", claims())).subscribe("a", "call");
    node.connect(ec.sign(node.vertx, "edge", claims())).subscribe("b", "call");
    // The HS256 secret still works beside them.
    node.connect(node.adminToken()).subscribe("c", "call");
  }

  @Test
  void tokensFromUnknownKeysOrTheWrongKeyIdAreRefused() throws Exception {
    assertThat(refusal(TestKeys.rsa().sign(node.vertx, "main", claims()))).isEqualTo(401);
    assertThat(refusal(rsa.sign(node.vertx, "edge", claims()))).isEqualTo(401);
  }

  @Test
  void publicKeyUsedAsAnHmacSecretIsRefused() {
    // The algorithm-confusion attack: HS256 "signed" with the public key everyone may know.
    assertThat(refusal(RawJwt.hs256(rsa.publicPem(), claims().encode()))).isEqualTo(401);
    assertThat(refusal(RawJwt.unsigned(claims().encode()))).isEqualTo(401);
  }

  @Test
  void notBeforeInTheFutureIsRefusedBeyondTheSkew() {
    long now = Instant.now().getEpochSecond();
    assertThat(refusal(rsa.sign(node.vertx, "main", claims().put("nbf", now + 60)))).isEqualTo(401);
    node.connect(rsa.sign(node.vertx, "main", claims().put("nbf", now + 2))).subscribe("ok", "call");
    assertThat(refusal(rsa.sign(node.vertx, "main", claims().put("nbf", "tomorrow")))).isEqualTo(401);
  }

  @Test
  void rotatedKeyFileTakesEffectWithoutTouchingOpenConnections() throws Exception {
    TestClient before = node.connect(rsa.sign(node.vertx, "main", claims()));
    before.subscribe("old", "call");
    TestKeys next = TestKeys.rsa();
    Files.writeString(rsaFile, next.publicPem());
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> node.connect(next.sign(node.vertx, "main", claims())) != null);
    assertThat(refusal(rsa.sign(node.vertx, "main", claims()))).isEqualTo(401);
    assertThat(before.isClosed()).isFalse();
    String id = UUID.randomUUID().toString();
    node.publish(new JsonObject().put("type", "still_here").put("topic", node.customerTopic("call:1")).put("data", id));
    before.awaitFrame(f -> id.equals(f.getString("data")));
  }

  @Test
  void brokenKeyFileDuringRotationKeepsTheKeysInForce() throws Exception {
    Files.writeString(rsaFile, "half-written");
    // Several reload periods pass; the old key must still be accepted all along.
    await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).ignoreExceptions()
        .until(() -> { node.connect(rsa.sign(node.vertx, "main", claims())).close(); return true; });
  }
}
