package io.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the JavaScript client's own tests (clients/js, Node's test runner) as part of the build:
 * they start target/herald.jar themselves, so they belong with the other end-to-end tests.
 */
class JsClientIT {
  @Test
  void javascriptClientTestsPassAgainstARealNode() throws Exception {
    Path log = Files.createTempFile("herald-js-client", ".tap");
    ProcessBuilder builder = new ProcessBuilder("node", "--experimental-websocket", "--test",
        "test/client.test.js").directory(Path.of("clients", "js").toFile());
    builder.environment().put("HERALD_JAR", Path.of("target", "herald.jar").toAbsolutePath().toString());
    Process node = builder
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean finished = node.waitFor(240, TimeUnit.SECONDS);
    if (!finished) {
      node.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(finished).as("node's test run ended within 240 s:%n%s", output).isTrue();
    assertThat(node.exitValue()).as("node --test output:%n%s", output).isZero();
    assertThat(output).contains("# fail 0");
  }
}
