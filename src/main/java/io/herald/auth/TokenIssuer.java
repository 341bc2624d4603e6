package io.herald.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Signs HS256 tokens in the shapes Herald accepts. Used for the demo tokens a node prints when it
 * runs without a configured secret, and by tests and load tools.
 */
public final class TokenIssuer {
  private final JWTAuth jwt;

  public TokenIssuer(Vertx vertx, String secret) {
    this.jwt = TokenVerifier.hs256Auth(vertx, secret);
  }

  public String agentToken(UUID agentId, UUID customerId, int permission, Instant expire) {
    JsonObject agent =
        new JsonObject()
            .put("id", agentId.toString())
            .put("customer_id", customerId.toString())
            .put("permission", permission);
    return sign(
        new JsonObject().put("type", "agent").put("agent", agent).put("expire", expire.toString()));
  }

  /** A legacy customer token: an admin of {@code customerId}. */
  public String customerToken(UUID customerId, Instant expire) {
    return sign(
        new JsonObject()
            .put("customer", new JsonObject().put("id", customerId.toString()))
            .put("exp", expire.getEpochSecond()));
  }

  public String serviceToken(String name, Instant expire) {
    return sign(
        new JsonObject()
            .put("type", "service")
            .put("service", name)
            .put("exp", expire.getEpochSecond()));
  }

  public String sign(JsonObject claims) {
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  /** A time {@code validity} from now, for callers that just want a working token. */
  public static Instant in(Duration validity) {
    return Instant.now().plus(validity);
  }
}
