package io.herald.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.herald.stream.PositionStamp;
import io.herald.stream.StreamPosition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes client text frames. Never throws: anything that is not a well-formed subscribe or
 * unsubscribe request becomes {@link ClientFrame.Malformed}, carrying the request id when one was
 * readable so the error can be matched to its request. Thread-safe and stateless.
 */
public final class ClientFrameCodec {
  /** Ids are echoed back, so a client must not be able to make us repeat a large blob. */
  public static final int MAX_ID_LENGTH = 128;

  private final JsonFactory json =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  public ClientFrame decode(String text) {
    FrameFields fields = new FrameFields();
    try (JsonParser parser = json.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new ClientFrame.Malformed(null, "a frame must be a JSON object");
      }
      readFields(parser, fields);
      if (parser.nextToken() != null) {
        return new ClientFrame.Malformed(fields.id, "unexpected content after the JSON object");
      }
    } catch (IOException | RuntimeException e) {
      return new ClientFrame.Malformed(fields.id, "frame is not valid JSON");
    }
    return fields.toFrame();
  }

  private static void readFields(JsonParser parser, FrameFields fields) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "type" -> fields.type = textOrProblem(parser, value, "type", fields);
        case "id" -> readId(parser, value, fields);
        case "topics" -> fields.topics = readTopics(parser, value, fields);
        case "token" -> fields.token = textOrProblem(parser, value, "token", fields);
        case "since" -> fields.since = readSince(parser, value, fields);
        default -> parser.skipChildren();
      }
    }
  }

  private static void readId(JsonParser parser, JsonToken value, FrameFields fields)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    String id = textOrProblem(parser, value, "id", fields);
    if (id != null && id.length() > MAX_ID_LENGTH) {
      fields.problem("id is longer than " + MAX_ID_LENGTH + " characters");
    } else {
      fields.id = id;
    }
  }

  private static String textOrProblem(
      JsonParser parser, JsonToken value, String field, FrameFields fields) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    fields.problem("'" + field + "' must be a string");
    return null;
  }

  private static List<String> readTopics(JsonParser parser, JsonToken value, FrameFields fields)
      throws IOException {
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      fields.problem("'topics' must be an array of strings");
      return null;
    }
    List<String> topics = new ArrayList<>();
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (item != JsonToken.VALUE_STRING) {
        parser.skipChildren();
        fields.problem("'topics' must be an array of strings");
        continue;
      }
      topics.add(parser.getText());
    }
    return topics;
  }

  /** {@code {"offset":N,"epoch":"E"}}, as event frames carry them; null is no position. */
  private static StreamPosition readSince(JsonParser parser, JsonToken value, FrameFields fields)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    String problem = "'since' must be {\"offset\": a whole number >= 0, \"epoch\": the epoch of an event}";
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      fields.problem(problem);
      return null;
    }
    long offset = -1;
    String epoch = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken field = parser.nextToken();
      if (name.equals("offset") && field == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
        offset = parser.getLongValue();
      } else if (name.equals("epoch") && field == JsonToken.VALUE_STRING) {
        epoch = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    if (offset < 0 || !PositionStamp.isValidEpoch(epoch)) {
      fields.problem(problem);
      return null;
    }
    return new StreamPosition(epoch, offset);
  }

  /** What was read so far; mutable only inside one decode call. */
  private static final class FrameFields {
    String type;
    String id;
    List<String> topics;
    String token;
    StreamPosition since;
    String problem;

    void problem(String description) {
      if (problem == null) {
        problem = description;
      }
    }

    ClientFrame toFrame() {
      if (problem != null) {
        return new ClientFrame.Malformed(id, problem);
      }
      if (type == null) {
        return new ClientFrame.Malformed(id, "'type' is required");
      }
      if (type.equals("refresh")) {
        return token == null || token.isBlank()
            ? new ClientFrame.Malformed(id, "'token' is required")
            : new ClientFrame.Refresh(id, token);
      }
      boolean subscribe = type.equals("subscribe");
      if (!subscribe && !type.equals("unsubscribe")) {
        return new ClientFrame.Malformed(id, "unknown frame type");
      }
      if (topics == null || topics.isEmpty()) {
        return new ClientFrame.Malformed(id, "'topics' must be a non-empty array of strings");
      }
      return subscribe
          ? new ClientFrame.Subscribe(id, topics, since)
          : new ClientFrame.Unsubscribe(id, topics);
    }
  }
}
