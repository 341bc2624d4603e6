package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.ingest.PreparedEvent;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract every {@link NodeTransport} keeps, run against each implementation. */
abstract class NodeTransportContract {
  static final String SCOPE = "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b";

  /** Three transports that can reach each other, with their node ids. */
  record Trio(List<String> ids, List<NodeTransport> transports) {}

  abstract Trio trio();

  static PreparedEvent event(int n) {
    ServerFrameEncoder encoder = new ServerFrameEncoder();
    List<Topic> topics = List.of(TopicParser.event(SCOPE + ":call:" + n), TopicParser.event(SCOPE + ":queue"));
    List<TextFrame> frames = new ArrayList<>();
    for (Topic topic : topics) {
      frames.add(encoder.event("call_updated", topic.value(), "{\"n\":" + n + ",\"s\":\"é\"}"));
    }
    return new PreparedEvent(topics, frames, System.nanoTime());
  }

  @Test
  void eventsArriveOnceInOrderUnchangedAndOnlyWhereSent() throws Exception {
    Trio trio = trio();
    List<List<PreparedEvent>> received = new ArrayList<>();
    for (NodeTransport transport : trio.transports()) {
      List<PreparedEvent> inbox = new CopyOnWriteArrayList<>();
      received.add(inbox);
      transport.receive(inbox::add).await(20, TimeUnit.SECONDS);
    }
    NodeTransport sender = trio.transports().get(0);
    String target = trio.ids().get(1);
    int count = 300;
    for (int n = 0; n < count; n++) {
      sender.send(target, event(n));
    }
    // A marker to the third node, sent last: it proves nothing else was addressed there.
    sender.send(trio.ids().get(2), event(-1));
    await().atMost(Duration.ofSeconds(20)).until(() -> received.get(1).size() >= count && !received.get(2).isEmpty());
    List<PreparedEvent> arrived = received.get(1);
    assertThat(arrived).hasSize(count);
    for (int n = 0; n < count; n++) {
      PreparedEvent expected = event(n);
      PreparedEvent actual = arrived.get(n);
      assertThat(actual.topics()).isEqualTo(expected.topics());
      for (int i = 0; i < expected.frames().size(); i++) {
        assertThat(actual.frames().get(i).utf8()).isEqualTo(expected.frames().get(i).utf8());
      }
    }
    assertThat(received.get(2)).hasSize(1);
    assertThat(received.get(0)).isEmpty();
  }

  static <T> T get(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
