package io.herald.gateway;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a node without HERALD_JWT_SECRET prints at start-up: tokens signed with its generated
 * secret and the commands that show an event arriving, so a newcomer needs nothing else. The
 * tokens die with the process, since the secret does.
 */
public final class DemoBanner {
  private final TokenIssuer issuer;
  private final int port;

  public DemoBanner(Vertx vertx, String secret, int port) {
    this.issuer = new TokenIssuer(vertx, secret);
    this.port = port;
  }

  public void print() {
    UUID customer = UUID.randomUUID();
    UUID agent = UUID.randomUUID();
    Instant expire = Instant.now().plus(Duration.ofHours(24));
    String admin = issuer.agentToken(agent, customer, Principal.CUSTOMER_ADMIN, expire);
    String service = issuer.serviceToken("demo-publisher", expire);
    String topic = "customer_id:" + customer + ":call:" + UUID.randomUUID();
    String base = "localhost:" + port;
    System.out.println(String.join("\n",
        "",
        "================ Herald demo mode ================",
        "No HERALD_JWT_SECRET was set, so this node generated a secret and these tokens",
        "(valid 24 h, only for this process). Set HERALD_JWT_SECRET for real use.",
        "",
        "Demo customer: " + customer,
        "Admin token (agent with customer-admin permission):",
        "  " + admin,
        "Service token (may publish):",
        "  " + service,
        "",
        "1. Connect and subscribe (e.g. with websocat, or the browser console):",
        "   websocat 'ws://" + base + "/v1.0/ws?token=" + admin + "'",
        "   {\"type\":\"subscribe\",\"id\":\"r1\",\"topics\":[\"customer_id:" + customer + ":call\"]}",
        "",
        "2. Publish an event:",
        "   curl -i -X POST http://" + base + "/v1.0/events \\",
        "     -H 'Authorization: Bearer " + service + "' \\",
        "     -H 'Content-Type: application/json' \\",
        "     -d '{\"type\":\"call_updated\",\"topics\":[\"" + topic + "\"],"
            + "\"data\":{\"status\":\"ringing\"}}'",
        "==================================================",
        ""));
  }
}
