package io.herald.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.testing.RawWebSocket;
import io.herald.testing.TestClient;
import io.herald.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slow readers and silent peers are cut off; everyone else carries on. */
class ConnectionHealthTest {
  TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void readerThatStopsReadingIsClosedAsSlowConsumerWhileAFastOneGetsEverything() {
    // One event loop, so the fast and the slow client share it.
    // A queue larger than one batch, so that the fast client, which reads each batch before
    // the next is published, is never cut off however slowly this machine runs it.
    node = TestNode.start(config -> config.put("HERALD_EVENT_LOOPS", 1)
        .put("HERALD_WS_OUTBOUND_QUEUE_BYTES", 1024 * 1024));
    TestClient fast = node.subscriber("call");
    TestClient slow = node.subscriber("call");
    slow.socket.pause(); // never reads again: the kernel buffers fill, then the node's queue
    String pad = "x".repeat(900);
    int batches = 40;
    int perBatch = 500;
    for (int b = 0; b < batches; b++) {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < perBatch; i++) {
        batch.add(new JsonObject().put("type", "bulk").put("topic", node.customerTopic("call:1"))
            .put("data", new JsonObject().put("n", b * perBatch + i).put("pad", pad)));
      }
      assertThat(node.publish(node.serviceToken(), batch.encode()).status()).isEqualTo(202);
      fast.awaitEvents((b + 1) * perBatch);
    }
    assertThat(fast.isClosed()).isFalse();
    slow.socket.resume(); // read what was queued, then the close frame
    assertThat(slow.awaitClose()).isEqualTo((short) 4008);
    // Counted, for operators (the admin endpoint now; Prometheus with the metrics issue).
    assertThat(node.get("/v1.0/admin/cluster").status()).isEqualTo(401);
    assertThat(node.request(new io.vertx.core.http.RequestOptions().setURI("/v1.0/admin/cluster")
            .putHeader("Authorization", "Bearer " + node.agentToken(java.util.UUID.randomUUID(),
                node.customer, io.herald.auth.Principal.SUPER_ADMIN)), null)
        .json().getJsonObject("disconnects").getLong("SLOW_CONSUMER")).isEqualTo(1L);
    assertThat(slow.events().size()).isLessThan(batches * perBatch);
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Publishes 8,000 events of 4 KB and waits until the counting client has them all. */
  void flood(java.util.concurrent.atomic.AtomicInteger fastCount) {
    int start = fastCount.get();
    String pad = "x".repeat(4000);
    for (int b = 0; b < 40; b++) {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < 200; i++) {
        batch.add(new JsonObject().put("type", "bulk").put("topic", node.customerTopic("call:1"))
            .put("data", new JsonObject().put("pad", pad)));
      }
      assertThat(node.publish(node.serviceToken(), batch.encode()).status()).isEqualTo(202);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> fastCount.get() >= start + 8_000);
  }

  @Test
  void heapStaysBoundedWithManyStalledReaders() throws Exception {
    node = TestNode.start(config -> config.put("HERALD_WS_OUTBOUND_QUEUE_BYTES", 256 * 1024));
    TestClient fast = node.subscriber("call");
    // Count, do not keep: this test measures the heap, and shares the JVM with the clients.
    java.util.concurrent.atomic.AtomicInteger fastCount = new java.util.concurrent.atomic.AtomicInteger();
    fast.socket.textMessageHandler(text -> fastCount.incrementAndGet());
    // First without stalled readers: buffer pools and caches settle at their working size.
    flood(fastCount);
    long baseline = heapAfterGc();
    // Raw sockets that subscribe and never read: they hold nothing in this JVM's heap, so what
    // grows now is the node's.
    java.util.List<RawWebSocket> stalled = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      RawWebSocket socket = new RawWebSocket(node.port(), node.adminToken());
      socket.sendText("{\"type\":\"subscribe\",\"topics\":[\"call\"]}");
      stalled.add(socket);
    }
    flood(fastCount);
    long grown = heapAfterGc() - baseline;

    System.out.printf("heap after GC: %d MiB with no stalled reader, %+d MiB with 40 stalled readers"
        + " after 8,000 x 4 KB events each time%n", baseline >> 20, grown >> 20);
    // Unbounded queues would hold 8,000 x 4 KB = 31 MiB per stalled reader, 1.25 GiB in all; the
    // bound allows 256 KiB of frames each (frames are shared between sockets) plus bookkeeping.
    assertThat(grown).isLessThan(16L * 1024 * 1024);
    for (RawWebSocket socket : stalled) {
      socket.close();
    }
  }

  @Test
  void clientPingIsAnsweredWithAPongCarryingItsPayload() {
    node = TestNode.start();
    TestClient client = node.subscriber("call");
    java.util.concurrent.atomic.AtomicReference<String> pong = new java.util.concurrent.atomic.AtomicReference<>();
    client.socket.pongHandler(data -> pong.set(data.toString()));
    client.socket.writePing(io.vertx.core.buffer.Buffer.buffer("are-you-there"));
    await().atMost(Duration.ofSeconds(10)).until(() -> "are-you-there".equals(pong.get()));
  }

  @Test
  void silentPeerIsClosedWhileAClientThatAnswersPingsStays() throws Exception {
    node = TestNode.start(config -> config.put("HERALD_WS_PING_INTERVAL_MS", 200)
        .put("HERALD_WS_IDLE_TIMEOUT_MS", 1000));
    TestClient answering = node.subscriber("call"); // Vert.x answers pings by itself
    try (Socket silent = new Socket("127.0.0.1", node.port())) {
      silent.setSoTimeout(15_000);
      OutputStream out = silent.getOutputStream();
      out.write(("GET /v1.0/ws?token=" + node.adminToken() + " HTTP/1.1\r\nHost: x\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Read (and ignore) everything, never answering: the upgrade, pings, then the end.
      InputStream in = silent.getInputStream();
      byte[] all = in.readAllBytes();
      String head = new String(all, 0, Math.min(all.length, 12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 101");
    }
    // The node closed the silent peer; the answering client, connected before it, is still open.
    assertThat(answering.isClosed()).isFalse();
    answering.subscribe("still", "queue");
  }
}
