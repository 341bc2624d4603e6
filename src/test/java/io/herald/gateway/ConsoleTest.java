package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.PlainHttp;
import io.herald.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web console's files come from the jar, and a configured node hands out no token. */
class ConsoleTest {
  static TestNode node;
  static final PlainHttp http = new PlainHttp();

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void rootServesTheConsolePage() {
    PlainHttp.Response page = http.get(node.port(), "/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<title>Herald console</title>", "/console/console.js");
  }

  @Test
  void theConsoleLoadsTheJavaScriptClientFromTheSameSource() {
    PlainHttp.Response script = http.get(node.port(), "/console/herald-client.js", null);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).contains("javascript");
    assertThat(script.body()).contains("export function connect(");
    assertThat(http.get(node.port(), "/console/console.js", null).body())
        .contains("from '/console/herald-client.js'");
  }

  @Test
  void aConfiguredNodeOffersNoDemoTokens() {
    PlainHttp.Response demo = http.get(node.port(), "/v1.0/demo", null);
    assertThat(demo.status()).isEqualTo(404);
    assertThat(demo.reason()).isEqualTo("NOT_FOUND");
  }

  @Test
  void unknownConsoleFilesAreNotFound() {
    assertThat(http.get(node.port(), "/console/nope.js", null).status()).isEqualTo(404);
  }
}
