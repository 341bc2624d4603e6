package io.herald.ingest;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.topic.ScopeKind;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validates publish requests: one event object or an array of them. All or nothing: one bad
 * event refuses the whole request, so a publisher never has to guess what got through.
 */
public final class EventParser {
  public static final int MAX_TYPE_LENGTH = 128;
  public static final int MAX_TOPICS_PER_EVENT = 32;
  /** Types of the server's own frames; an event with one would be mistaken for them. */
  static final Set<String> RESERVED_TYPES = Set.of("subscribed", "unsubscribed", "refreshed", "error", "drain");

  private final int maxEvents;
  private final boolean oneCustomerPerEvent;

  public EventParser(int maxEvents) {
    this(maxEvents, false);
  }

  /**
   * @param oneCustomerPerEvent history is on: every event must belong to exactly one customer
   *     stream, named by its {@code customer_id:} topics or its {@code customer_id} field
   */
  public EventParser(int maxEvents, boolean oneCustomerPerEvent) {
    this.maxEvents = maxEvents;
    this.oneCustomerPerEvent = oneCustomerPerEvent;
  }

  /** Parses a decoded JSON body ({@link JsonObject} or {@link JsonArray}). */
  public List<Event> parse(Object body) {
    if (body instanceof JsonObject event) {
      return List.of(event(event, ""));
    }
    if (!(body instanceof JsonArray array)) {
      throw badRequest("the body must be an event object or an array of events");
    }
    if (array.size() > maxEvents) {
      throw badRequest("at most " + maxEvents + " events per request");
    }
    List<Event> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject event)) {
        throw badRequest("event " + i + ": must be an object");
      }
      events.add(event(event, "event " + i + ": "));
    }
    return events;
  }

  private Event event(JsonObject json, String where) {
    Object type = json.getValue("type");
    if (!(type instanceof String text) || text.isEmpty()) {
      throw badRequest(where + "'type' is required and must be a non-empty string");
    }
    if (text.length() > MAX_TYPE_LENGTH) {
      throw badRequest(where + "'type' is at most " + MAX_TYPE_LENGTH + " characters");
    }
    if (RESERVED_TYPES.contains(text)) {
      throw badRequest(where + "'type' " + text + " is reserved for server frames");
    }
    List<Topic> topics = topics(json, where);
    Object data = json.getValue("data");
    return new Event(text, topics, data == null ? "null" : Json.encode(data),
        customer(json, topics, where));
  }

  /**
   * The customer stream an event belongs to: the customer of its {@code customer_id:} topics, or
   * its {@code customer_id} field (an event on agent topics only: the gateway cannot tell an
   * agent's customer by itself).
   */
  private UUID customer(JsonObject json, List<Topic> topics, String where) {
    Set<UUID> customers = new LinkedHashSet<>();
    Object named = json.getValue("customer_id");
    if (named != null) {
      try {
        customers.add(UUID.fromString((String) named));
      } catch (ClassCastException | IllegalArgumentException e) {
        throw badRequest(where + "'customer_id' must be a UUID string");
      }
    }
    for (Topic topic : topics) {
      if (topic.scope().kind() == ScopeKind.CUSTOMER) {
        customers.add(topic.scope().id());
      }
    }
    if (customers.size() == 1) {
      return customers.iterator().next();
    }
    if (!oneCustomerPerEvent) {
      return null;
    }
    throw badRequest(customers.isEmpty()
        ? where + "'customer_id' is required for an event on agent topics only: history is on,"
            + " and it names the customer stream the event belongs to"
        : where + "an event belongs to one customer stream; its topics and 'customer_id' name "
            + customers.size() + " customers");
  }

  private static List<Topic> topics(JsonObject json, String where) {
    Object one = json.getValue("topic");
    Object many = json.getValue("topics");
    if (one != null && many != null) {
      throw badRequest(where + "give 'topic' or 'topics', not both");
    }
    List<Object> raw;
    if (one != null) {
      raw = List.of(one);
    } else if (many instanceof JsonArray array && !array.isEmpty()) {
      raw = array.getList();
    } else {
      throw badRequest(where + "'topics' must be a non-empty array of topic strings");
    }
    if (raw.size() > MAX_TOPICS_PER_EVENT) {
      throw badRequest(where + "at most " + MAX_TOPICS_PER_EVENT + " topics per event");
    }
    Map<String, Topic> distinct = new LinkedHashMap<>();
    for (Object value : raw) {
      if (!(value instanceof String text)) {
        throw badRequest(where + "topics must be strings");
      }
      try {
        Topic topic = TopicParser.event(text);
        distinct.putIfAbsent(topic.value(), topic);
      } catch (HeraldException e) {
        throw new HeraldException(e.reason(), where + "'" + text + "': " + e.getMessage());
      }
    }
    return List.copyOf(distinct.values());
  }

  private static HeraldException badRequest(String message) {
    return new HeraldException(ErrorReason.BAD_REQUEST, message);
  }
}
