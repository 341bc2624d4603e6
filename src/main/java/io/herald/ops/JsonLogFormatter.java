package io.herald.ops;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One JSON object per log line ({@code HERALD_LOG_FORMAT=json}), each carrying the node id so
 * that lines from many nodes can be told apart once collected. The id starts as the process id
 * and host, and becomes the cluster node id once the node has joined.
 */
public final class JsonLogFormatter extends Formatter {
  private volatile String node;

  public JsonLogFormatter(String node) {
    this.node = node;
  }

  /** Installs JSON formatting on every handler of the root logger. */
  public static void install(String node) {
    JsonLogFormatter formatter = new JsonLogFormatter(node);
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      handler.setFormatter(formatter);
    }
  }

  /** Tells the installed formatter, if JSON logging is on, the node's cluster id. */
  public static void nodeIs(String id) {
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (handler.getFormatter() instanceof JsonLogFormatter json) {
        json.node = id;
      }
    }
  }

  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName())
        .put("node", node)
        .put("thread", Thread.currentThread().getName())
        .put("message", formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }
}
