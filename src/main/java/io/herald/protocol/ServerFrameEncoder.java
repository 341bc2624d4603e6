package io.herald.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.herald.stream.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Encodes every server-to-client frame. Thread-safe and stateless. */
public final class ServerFrameEncoder {
  private final JsonFactory json = new JsonFactory();

  /** {@code {"type":"subscribed"|"unsubscribed","id":...,"topics":[...]}}. */
  public TextFrame ack(boolean subscribed, String id, List<String> topics) {
    return write(
        out -> {
          out.writeStringField("type", subscribed ? "subscribed" : "unsubscribed");
          writeId(out, id);
          writeTopics(out, topics);
        });
  }

  /**
   * A subscribe ack with history on: {@code "position"} is where the client's customer stream
   * stood when the subscription went live (null: not known), and {@code "recovered"} answers a
   * resume (null: the request had no {@code since}).
   */
  public TextFrame subscribed(String id, List<String> topics, StreamPosition position,
      Boolean recovered) {
    return write(
        out -> {
          out.writeStringField("type", "subscribed");
          writeId(out, id);
          writeTopics(out, topics);
          if (position != null) {
            writePosition(out, position);
          }
          if (recovered != null) {
            out.writeBooleanField("recovered", recovered);
          }
        });
  }

  /**
   * {@code {"type":"drain","position":{...}}}: the node is going away; everything of the client's
   * customer stream up to the position that matches its subscriptions has been sent to it.
   */
  public TextFrame drain(StreamPosition position) {
    return write(
        out -> {
          out.writeStringField("type", "drain");
          writePosition(out, position);
        });
  }

  private static void writePosition(JsonGenerator out, StreamPosition position) throws IOException {
    out.writeObjectFieldStart("position");
    out.writeNumberField("offset", position.offset());
    out.writeStringField("epoch", position.epoch());
    out.writeEndObject();
  }

  /** {@code {"type":"refreshed","id":...,"expire":"<ISO-8601>"}}. */
  public TextFrame refreshed(String id, java.time.Instant expire) {
    return write(
        out -> {
          out.writeStringField("type", "refreshed");
          writeId(out, id);
          out.writeStringField("expire", expire.toString());
        });
  }

  /** {@code {"type":"error","id":...,"reason":...,"message":...,"topics":[...]}}. */
  public TextFrame error(String id, ErrorReason reason, String message, List<String> topics) {
    return write(
        out -> {
          out.writeStringField("type", "error");
          writeId(out, id);
          out.writeStringField("reason", reason.name());
          out.writeStringField("message", message);
          if (!topics.isEmpty()) {
            writeTopics(out, topics);
          }
        });
  }

  /**
   * {@code {"type":<event type>,"topic":<matched topic>,"data":<data>}}, where {@code dataJson}
   * is already-valid JSON copied in as it is.
   */
  public TextFrame event(String type, String topic, String dataJson) {
    return write(
        out -> {
          out.writeStringField("type", type);
          out.writeStringField("topic", topic);
          out.writeFieldName("data");
          out.writeRawValue(dataJson);
        });
  }

  /** The HTTP error body: {@code {"error":{"status":...,"reason":...,"message":...}}}. */
  public TextFrame httpError(ErrorReason reason, String message) {
    return write(
        out -> {
          out.writeObjectFieldStart("error");
          out.writeStringField("status", reason.status());
          out.writeStringField("reason", reason.name());
          out.writeStringField("message", message);
          out.writeEndObject();
        });
  }

  private static void writeId(JsonGenerator out, String id) throws IOException {
    if (id != null) {
      out.writeStringField("id", id);
    }
  }

  private static void writeTopics(JsonGenerator out, List<String> topics) throws IOException {
    out.writeArrayFieldStart("topics");
    for (String topic : topics) {
      out.writeString(topic);
    }
    out.writeEndArray();
  }

  private TextFrame write(Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (JsonGenerator out = json.createGenerator(bytes)) {
      out.writeStartObject();
      fields.write(out);
      out.writeEndObject();
    } catch (IOException e) {
      // Writing to memory cannot fail for I/O reasons.
      throw new UncheckedIOException(e);
    }
    return new TextFrame(bytes.toByteArray());
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator out) throws IOException;
  }
}
