package io.herald.testing;

import static org.awaitility.Awaitility.await;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** A real WebSocket client that records every text frame it receives and how it was closed. */
public final class TestClient {
  public static final Duration WAIT = Duration.ofSeconds(10);

  public final WebSocket socket;
  // Appended to in O(1): some tests receive tens of thousands of frames, and a copy-on-write list
  // would copy itself on each one.
  private final Queue<JsonObject> received = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Short> closeCode = new AtomicReference<>();

  TestClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.closeHandler(v -> closeCode.set(socket.closeStatusCode() == null
        ? (short) 1006 : socket.closeStatusCode()));
  }

  public void send(String text) {
    socket.writeTextMessage(text);
  }

  public void send(JsonObject frame) {
    send(frame.encode());
  }

  /** Subscribes and waits for the ack with this id; returns the ack. */
  public JsonObject subscribe(String id, String... topics) {
    send(new JsonObject().put("type", "subscribe").put("id", id).put("topics", List.of(topics)));
    return awaitFrame(f -> "subscribed".equals(f.getString("type")) && id.equals(f.getString("id")));
  }

  public JsonObject unsubscribe(String id, String... topics) {
    send(new JsonObject().put("type", "unsubscribe").put("id", id).put("topics", List.of(topics)));
    return awaitFrame(f -> "unsubscribed".equals(f.getString("type")) && id.equals(f.getString("id")));
  }

  public JsonObject awaitFrame(Predicate<JsonObject> match) {
    AtomicReference<JsonObject> found = new AtomicReference<>();
    await().atMost(WAIT).until(() -> {
      for (JsonObject frame : received) {
        if (match.test(frame)) {
          found.set(frame);
          return true;
        }
      }
      return false;
    });
    return found.get();
  }

  public JsonObject awaitError(String id) {
    return awaitFrame(f -> "error".equals(f.getString("type")) && id.equals(f.getString("id")));
  }

  /** Every frame whose type is neither an ack nor an error. */
  public List<JsonObject> events() {
    List<JsonObject> events = new ArrayList<>();
    for (JsonObject frame : received) {
      String type = frame.getString("type");
      if (!type.equals("subscribed") && !type.equals("unsubscribed") && !type.equals("error")) {
        events.add(frame);
      }
    }
    return events;
  }

  public List<JsonObject> awaitEvents(int count) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
        .until(() -> events().size() >= count || isClosed());
    List<JsonObject> events = events();
    if (events.size() < count) {
      throw new AssertionError("closed with " + closeCode.get() + " after " + events.size()
          + " of " + count + " events");
    }
    return events;
  }

  public List<JsonObject> received() {
    return List.copyOf(received);
  }

  public short awaitClose() {
    await().atMost(WAIT).until(() -> closeCode.get() != null);
    return closeCode.get();
  }

  public boolean isClosed() {
    return closeCode.get() != null;
  }

  public void close() {
    if (!isClosed()) {
      socket.close();
    }
  }
}
