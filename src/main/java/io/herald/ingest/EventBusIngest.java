package io.herald.ingest;

import io.herald.ops.NodeState;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.ServerFrameEncoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The event-bus way in: verticles send the same JSON as the HTTP API to {@value #ADDRESS} (a
 * JsonObject, a JsonArray, or their text). The reply is {@code {"accepted":n}}; a refusal fails
 * the reply with the HTTP status as failure code and the error envelope as message.
 * Registered once per node, so each message is published once.
 */
public final class EventBusIngest {
  public static final String ADDRESS = "herald.events.publish";

  private final EventParser parser;
  private final EventPublisher publisher;
  private final ServerFrameEncoder encoder;
  private final NodeState state;

  public EventBusIngest(
      EventParser parser, EventPublisher publisher, ServerFrameEncoder encoder, NodeState state) {
    this.parser = parser;
    this.publisher = publisher;
    this.encoder = encoder;
    this.state = state;
  }

  public Future<MessageConsumer<Object>> register(EventBus bus) {
    MessageConsumer<Object> consumer = bus.consumer(ADDRESS, this::handle);
    return consumer.completion().map(v -> consumer);
  }

  private void handle(Message<Object> message) {
    try {
      if (!state.isServing()) {
        throw new HeraldException(ErrorReason.UNAVAILABLE, "the node is not serving");
      }
      List<Event> events = parser.parse(body(message.body()));
      publisher.publish(events).transform(PublishHandler::unavailableIfFailed).onComplete(done -> {
        if (done.succeeded()) {
          message.reply(new JsonObject().put("accepted", events.size()));
        } else {
          fail(message, (HeraldException) done.cause());
        }
      });
    } catch (HeraldException e) {
      fail(message, e);
    }
  }

  private void fail(Message<Object> message, HeraldException e) {
    message.fail(e.reason().httpStatus(), encoder.httpError(e.reason(), e.getMessage()).toString());
  }

  private static Object body(Object body) {
    if (body instanceof String text) {
      return PublishHandler.decode(Buffer.buffer(text));
    }
    if (body instanceof Buffer buffer) {
      return PublishHandler.decode(buffer);
    }
    if (body == null) {
      throw new HeraldException(ErrorReason.BAD_REQUEST, "the message body must be an event");
    }
    return body;
  }
}
