package io.herald.protocol;

import io.herald.stream.StreamPosition;
import java.util.List;

/**
 * A text frame a client sent, decoded. A frame that could not be understood is a value too
 * ({@link Malformed}), so that the one dispatcher answers it like any other frame.
 */
public sealed interface ClientFrame {

  /** The request id the client chose, echoed in the answer; may be null. */
  String id();

  /** Double dispatch, so that adding a frame type fails to compile until every handler has it. */
  <R> R accept(Handler<R> handler);

  interface Handler<R> {
    R subscribe(Subscribe frame);

    R unsubscribe(Unsubscribe frame);

    R refresh(Refresh frame);

    R malformed(Malformed frame);
  }

  /** @param since where to resume the token's customer stream from; null for live only */
  record Subscribe(String id, List<String> topics, StreamPosition since) implements ClientFrame {
    public Subscribe {
      topics = List.copyOf(topics);
    }

    public Subscribe(String id, List<String> topics) {
      this(id, topics, null);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.subscribe(this);
    }
  }

  record Unsubscribe(String id, List<String> topics) implements ClientFrame {
    public Unsubscribe {
      topics = List.copyOf(topics);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.unsubscribe(this);
    }
  }

  /** A new token for the same customer and agent, to extend the connection. */
  record Refresh(String id, String token) implements ClientFrame {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.refresh(this);
    }

    @Override
    public String toString() {
      return "Refresh[id=" + id + ", token=<redacted>]";
    }
  }

  /** Not JSON, not an object, wrong field types or an unknown type: answered with BAD_REQUEST. */
  record Malformed(String id, String problem) implements ClientFrame {
    @Override
    public <R> R accept(Handler<R> handler) {
      return handler.malformed(this);
    }
  }
}
