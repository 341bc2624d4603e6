package io.herald.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
  @Test
  void oneJsonObjectPerLineWithTheNode() {
    LogRecord record = new LogRecord(Level.WARNING, "peer {0} is \"late\"\nagain");
    record.setParameters(new Object[] {"b"});
    record.setLoggerName("io.herald.Test");
    record.setThrown(new IllegalStateException("boom"));
    String line = new JsonLogFormatter("node-1").format(record);
    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.trim()).doesNotContain("\n");
    JsonObject json = new JsonObject(line);
    assertThat(json.getString("node")).isEqualTo("node-1");
    assertThat(json.getString("level")).isEqualTo("WARNING");
    assertThat(json.getString("logger")).isEqualTo("io.herald.Test");
    assertThat(json.getString("message")).isEqualTo("peer b is \"late\"\nagain");
    assertThat(json.getString("error")).contains("IllegalStateException: boom");
    assertThat(json.getString("time")).isNotBlank();
  }
}
