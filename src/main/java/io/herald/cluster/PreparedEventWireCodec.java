package io.herald.cluster;

import io.herald.ingest.PreparedEvent;
import io.herald.protocol.TextFrame;
import io.herald.stream.StreamStamp;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Puts a {@link PreparedEvent} on the clustered event bus as it is: its topics and its already
 * encoded frames, so the receiving node does not encode the event again. Layout: topic count,
 * then per topic its UTF-8 value and its frame, each length-prefixed; then a flag byte and, for an event of a
 * customer stream, its stamp (customer, epoch, offset, chain link). Nodes of the release before
 * streams ignore the stamp; an event without one ends after its frames.
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
    StreamStamp stamp = event.stamp();
    buffer.appendByte(stamp == null ? (byte) 0 : (byte) 1);
    if (stamp != null) {
      byte[] epoch = stamp.epoch().getBytes(StandardCharsets.US_ASCII);
      buffer.appendLong(stamp.customer().getMostSignificantBits())
          .appendLong(stamp.customer().getLeastSignificantBits())
          .appendInt(epoch.length).appendBytes(epoch)
          .appendLong(stamp.offset()).appendLong(stamp.previous());
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
    StreamStamp stamp = null;
    if (pos < buffer.length() && buffer.getByte(pos++) == 1) {
      UUID customer = new UUID(buffer.getLong(pos), buffer.getLong(pos + 8));
      pos += 16;
      int epochLength = buffer.getInt(pos);
      pos += 4;
      String epoch = buffer.getString(pos, pos + epochLength, "US-ASCII");
      pos += epochLength;
      stamp = new StreamStamp(customer, epoch, buffer.getLong(pos), buffer.getLong(pos + 8));
    }
    // Clocks of different JVMs do not compare: latency on this node starts at arrival.
    return new PreparedEvent(topics, frames, System.nanoTime(), stamp);
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
