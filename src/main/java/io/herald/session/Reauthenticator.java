package io.herald.session;

import io.herald.auth.Principal;
import io.herald.protocol.HeraldException;
import java.util.function.BiConsumer;

/**
 * Verifies a token a connected client sends to extend its session. The callback gets either a
 * principal or the refusal, and runs on the session's event loop.
 */
public interface Reauthenticator {
  void verify(String token, BiConsumer<Principal, HeraldException> callback);
}
