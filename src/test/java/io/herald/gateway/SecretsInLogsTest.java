package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.herald.testing.PlainHttp;
import io.herald.testing.RawJwt;
import io.herald.testing.TestNode;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Whatever happens to a request, its token is never written to the logs. */
class SecretsInLogsTest {
  @Test
  void tokensNeverReachTheLogs() {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        String logger = String.valueOf(record.getLoggerName());
        // The test's own HTTP and WebSocket clients log what they send; only the node counts.
        if (logger.startsWith("jdk.") || logger.contains("Client")) {
          return;
        }
        lines.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    Level level = root.getLevel();
    root.addHandler(capture);
    // An operator turning every logger up to the most verbose level.
    root.setLevel(Level.ALL);
    try (TestNode node = TestNode.start()) {
      String good = node.adminToken();
      String forged = RawJwt.hs256("another-secret-0123456789-abcdefghijklmnop", "{\"exp\":\"x\"}");
      PlainHttp http = new PlainHttp();
      for (String token : List.of(good, forged, "garbage-token-value")) {
        catchThrowable(() -> node.connect(token));
        http.post(node.port(), "/v1.0/events", token, "{broken");
        http.get(node.port(), "/v1.0/admin/cluster", token);
        http.get(node.port(), "/v1.0/nothing?token=" + token, null);
      }
      node.connect(good).send("{\"type\":\"refresh\",\"token\":\"" + forged + "\"}");
      for (String line : lines) {
        assertThat(line).doesNotContain(good).doesNotContain(forged).doesNotContain("garbage-token-value");
      }
    } finally {
      root.removeHandler(capture);
      root.setLevel(level);
    }
  }
}
