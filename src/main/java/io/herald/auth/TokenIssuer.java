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
    this.jwt = JWTAuth.create(vertx, KeyMaterial.hmac(secret).toOptions(0));
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

  /**
   * Prints a token, for scripts: {@code java -cp target/herald.jar io.herald.auth.TokenIssuer
   * <secret> admin|super|service [customer-uuid]}. Valid 24 hours.
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: TokenIssuer <secret> admin|super|service [customer-uuid]");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    try {
      TokenIssuer issuer = new TokenIssuer(vertx, args[0]);
      UUID customer = args.length > 2 ? UUID.fromString(args[2]) : UUID.randomUUID();
      Instant expire = in(Duration.ofHours(24));
      System.out.println(switch (args[1]) {
        case "admin" -> issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN, expire);
        case "super" -> issuer.agentToken(UUID.randomUUID(), customer, Principal.SUPER_ADMIN, expire);
        case "service" -> issuer.serviceToken("script", expire);
        default -> throw new IllegalArgumentException("unknown token kind " + args[1]);
      });
    } finally {
      vertx.close();
    }
  }

  /** A time {@code validity} from now, for callers that just want a working token. */
  public static Instant in(Duration validity) {
    return Instant.now().plus(validity);
  }
}
