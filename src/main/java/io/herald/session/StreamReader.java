package io.herald.session;

import io.herald.stream.Window;
import java.util.UUID;
import java.util.function.BiConsumer;

/** Reads a customer's history for a session; {@code then} runs on the session's event loop. */
@FunctionalInterface
public interface StreamReader {
  /** @param then gets the window, or null and the failure */
  void read(UUID customer, long offset, BiConsumer<Window, Throwable> then);
}
