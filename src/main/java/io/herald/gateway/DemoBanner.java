package io.herald.gateway;

import java.util.UUID;

/**
 * What a node without HERALD_JWT_SECRET prints at start-up: tokens signed with its generated
 * secret and the commands that show an event arriving, so a newcomer needs nothing else. The
 * tokens die with the process, since the secret does.
 */
public final class DemoBanner {
  private final DemoTokens tokens;
  private final int port;

  public DemoBanner(DemoTokens tokens, int port) {
    this.tokens = tokens;
    this.port = port;
  }

  public void print() {
    String admin = tokens.admin();
    String service = tokens.service();
    String topic = tokens.topic();
    UUID customer = tokens.customer();
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
        "Web console (offers these tokens): http://" + base + "/",
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
