package io.herald.gateway;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The tokens a node in demo mode (no secret configured, so it generated one) offers: printed at
 * start-up and served to the web console at {@code GET /v1.0/demo}. A node with a configured
 * secret or keys has none, and that endpoint answers 404.
 */
public record DemoTokens(UUID customer, String admin, String service, String topic) {
  public static DemoTokens issue(Vertx vertx, String secret) {
    TokenIssuer issuer = new TokenIssuer(vertx, secret);
    UUID customer = UUID.randomUUID();
    Instant expire = Instant.now().plus(Duration.ofHours(24));
    return new DemoTokens(customer,
        issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN, expire),
        issuer.serviceToken("demo-publisher", expire),
        "customer_id:" + customer + ":call:" + UUID.randomUUID());
  }

  public JsonObject toJson() {
    return new JsonObject().put("customer", customer.toString()).put("admin", admin)
        .put("service", service).put("topic", topic);
  }
}
