package io.herald.session;

import io.herald.protocol.CloseCode;
import io.herald.protocol.TextFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** An in-memory channel that keeps what a session sent, decoded, for assertions. */
final class RecordingChannel implements ClientChannel {
  final List<JsonObject> sent = new ArrayList<>();
  final List<TextFrame> rawFrames = new ArrayList<>();
  CloseCode closedWith;
  int pings;

  @Override
  public void send(TextFrame frame) {
    if (closedWith == null) {
      rawFrames.add(frame);
      sent.add(new JsonObject(frame.toString()));
    }
  }

  @Override
  public void ping() {
    pings++;
  }

  @Override
  public void close(CloseCode code, String reason) {
    closedWith = code;
  }

  JsonObject last() {
    return sent.get(sent.size() - 1);
  }

  List<JsonObject> drain() {
    List<JsonObject> copy = new ArrayList<>(sent);
    sent.clear();
    return copy;
  }
}
