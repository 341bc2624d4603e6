package io.herald.ops;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps tokens out of the logs even when an operator turns logging up: library loggers that
 * write whole request URIs (where a browser's token travels as {@code ?token=}) are held at INFO.
 * Checked by a test that runs with every logger at ALL.
 */
public final class LogRedaction {
  /** Loggers that print full request URIs below INFO. */
  static final List<String> URI_LOGGERS = List.of("io.vertx.ext.web.impl.RouterImpl");

  /** Held so the JUL loggers, and the levels set on them, are not garbage-collected. */
  private static final List<Logger> HELD =
      URI_LOGGERS.stream().map(Logger::getLogger).toList();

  private LogRedaction() {}

  public static void apply() {
    HELD.forEach(logger -> logger.setLevel(Level.INFO));
  }
}
