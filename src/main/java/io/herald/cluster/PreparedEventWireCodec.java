package io.herald.cluster;

import io.herald.ingest.PreparedEvent;
import io.herald.protocol.TextFrame;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a {@link PreparedEvent} on the clustered event bus as it is: its topics and its already
 * encoded frames, so the receiving node does not encode the event again. Layout: topic count,
 * then per topic its UTF-8 value and its frame, each length-prefixed.
 */
final class PreparedEventWireCodec implements MessageCodec<PreparedEvent, PreparedEvent> {
  static final String NAME = "herald.prepared-event.wire";

  @Override
  public void encodeToWire(Buffer buffer, PreparedEvent event) {
    List<Topic> topics = event.topics();
    buffer.appendInt(topics.size());
    for (int i = 0; i < topics.size(); i++) {
      byte[] topic = topics.get(i).value().getBytes(StandardCharsets.UTF_8);
      byte[] frame = event.frames().get(i).utf8();
      buffer.appendInt(topic.length).appendBytes(topic).appendInt(frame.length).appendBytes(frame);
    }
  }

  @Override
  public PreparedEvent decodeFromWire(int pos, Buffer buffer) {
    int count = buffer.getInt(pos);
    pos += 4;
    List<Topic> topics = new ArrayList<>(count);
    List<TextFrame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int topicLength = buffer.getInt(pos);
      pos += 4;
      topics.add(TopicParser.event(buffer.getString(pos, pos + topicLength, "UTF-8")));
      pos += topicLength;
      int frameLength = buffer.getInt(pos);
      pos += 4;
      frames.add(TextFrame.ofEncoded(buffer.getBytes(pos, pos + frameLength)));
      pos += frameLength;
    }
    // Clocks of different JVMs do not compare: latency on this node starts at arrival.
    return new PreparedEvent(topics, frames, System.nanoTime());
  }

  @Override
  public PreparedEvent transform(PreparedEvent event) {
    return event;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
