package io.herald.bench;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Cluster figures against running nodes (scripts/cluster-probe.sh starts them): cross-node and
 * same-node delivery latency at a moderate rate, subscribe-to-ack latency for new interest, and
 * subscription churn. Bounded in time; prints one line per figure. Not a test.
 *
 * <p>Arguments: secret port1 port2 port3.
 */
public final class ClusterProbe {
  private final Vertx vertx = Vertx.vertx();
  private final TokenIssuer issuer;
  private final WebSocketClient ws = vertx.createWebSocketClient();
  private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
  private final String service;

  private ClusterProbe(String secret) {
    issuer = new TokenIssuer(vertx, secret);
    service = issuer.serviceToken("probe", Instant.now().plus(Duration.ofHours(1)));
  }

  public static void main(String[] args) throws Exception {
    ClusterProbe probe = new ClusterProbe(args[0]);
    int[] ports = {Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])};
    probe.latency("warm-up (discard)", ports[0], ports[1], 5);
    probe.latency("same-node", ports[0], ports[0], 10);
    probe.latency("cross-node", ports[0], ports[1], 10);
    probe.routingCounters(ports[0]);
    probe.ackLatency(ports[2]);
    probe.churn(ports);
    probe.vertx.close().await(30, TimeUnit.SECONDS);
  }

  private String admin(UUID customer) {
    return issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN,
        Instant.now().plus(Duration.ofHours(1)));
  }

  private WebSocket connect(int port, UUID customer) throws Exception {
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/v1.0/ws?token=" + admin(customer))).await(10, TimeUnit.SECONDS);
  }

  /** Sends a subscribe and completes when its ack arrives. */
  private static Future<Void> subscribe(WebSocket socket, ConcurrentHashMap<String, Promise<Void>> acks,
      String type, String topic) {
    String id = UUID.randomUUID().toString();
    Promise<Void> ack = Promise.promise();
    acks.put(id, ack);
    socket.writeTextMessage(new JsonObject().put("type", type).put("id", id)
        .put("topics", List.of(topic)).encode());
    return ack.future();
  }

  private static void completeAcks(WebSocket socket, ConcurrentHashMap<String, Promise<Void>> acks) {
    socket.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      Promise<Void> ack = acks.remove(frame.getString("id", ""));
      if (ack != null) {
        ack.complete();
      }
    });
  }

  /** 20 subscribers on one node, 200 events/s published on another for {@code seconds}. */
  private void latency(String label, int publishPort, int subscribePort, int seconds) throws Exception {
    UUID customer = UUID.randomUUID();
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    AtomicLong received = new AtomicLong();
    int subscribers = 20;
    for (int i = 0; i < subscribers; i++) {
      WebSocket socket = connect(subscribePort, customer);
      ConcurrentHashMap<String, Promise<Void>> acks = new ConcurrentHashMap<>();
      socket.textMessageHandler(text -> {
        JsonObject frame = new JsonObject(text);
        if ("probe".equals(frame.getString("type"))) {
          long sent = frame.getJsonObject("data").getLong("sentNanos");
          synchronized (histogram) {
            histogram.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
          }
          received.incrementAndGet();
        } else {
          Promise<Void> ack = acks.remove(frame.getString("id", ""));
          if (ack != null) {
            ack.complete();
          }
        }
      });
      subscribe(socket, acks, "subscribe", "call").await(10, TimeUnit.SECONDS);
    }
    int rate = 200;
    RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(publishPort).setURI("/v1.0/events").putHeader("Authorization", "Bearer " + service);
    long start = System.nanoTime();
    int sent = 0;
    for (int i = 0; i < rate * seconds; i++) {
      long due = start + i * (1_000_000_000L / rate);
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      JsonObject event = new JsonObject().put("type", "probe")
          .put("topic", "customer_id:" + customer + ":call:" + i)
          .put("data", new JsonObject().put("sentNanos", System.nanoTime()));
      http.request(post).compose(r -> r.send(Buffer.buffer(event.encode())));
      sent++;
    }
    long expected = (long) sent * subscribers;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    synchronized (histogram) {
      System.out.printf("RESULT %s latency: %d events x %d subscribers at %d/s: delivered %d/%d,"
              + " p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
          label, sent, subscribers, rate, received.get(), expected,
          histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
          histogram.getValueAtPercentile(99.9) / 1000.0, histogram.getMaxValue() / 1000.0);
    }
  }

  /**
   * Node 1 accepted the warm-up, same-node and cross-node events; only those with subscribers on
   * another node (warm-up and cross-node, all on node 2) may have left it, once each.
   */
  private void routingCounters(int port) throws Exception {
    String token = issuer.agentToken(UUID.randomUUID(), UUID.randomUUID(), Principal.SUPER_ADMIN,
        Instant.now().plusSeconds(600));
    JsonObject state = http.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
            .setURI("/v1.0/admin/cluster").putHeader("Authorization", "Bearer " + token))
        .compose(r -> r.send()).compose(r -> r.body()).map(Buffer::toJsonObject)
        .await(10, TimeUnit.SECONDS);
    System.out.printf("RESULT sparse routing on node 1: %d events accepted, %d node sends"
        + " (3 nodes; only node 2 had subscribers for 3000 of them)%n",
        state.getLong("eventsRouted"), state.getLong("nodeSends"));
  }

  /** Subscriptions that are new interest for the cluster: the ack waits for every member. */
  private void ackLatency(int port) throws Exception {
    Histogram fresh = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    Histogram known = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    UUID customer = UUID.randomUUID();
    WebSocket socket = connect(port, customer);
    ConcurrentHashMap<String, Promise<Void>> acks = new ConcurrentHashMap<>();
    completeAcks(socket, acks);
    for (int i = 0; i < 200; i++) {
      // Exact-topic subscriptions under one scope: with scope interest only the first is new.
      long t0 = System.nanoTime();
      subscribe(socket, acks, "subscribe", "call:" + i).await(10, TimeUnit.SECONDS);
      (i == 0 ? fresh : known).recordValue((System.nanoTime() - t0) / 1000);
      Thread.sleep(10); // stay under the 50 frames/s control limit
    }
    for (int i = 0; i < 40; i++) {
      // A new customer each time, through a super admin: always new interest.
      WebSocket other = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/v1.0/ws?token=" + issuer.agentToken(UUID.randomUUID(), customer,
              Principal.SUPER_ADMIN, Instant.now().plusSeconds(600)))).await(10, TimeUnit.SECONDS);
      ConcurrentHashMap<String, Promise<Void>> otherAcks = new ConcurrentHashMap<>();
      completeAcks(other, otherAcks);
      long t0 = System.nanoTime();
      subscribe(other, otherAcks, "subscribe", "customer_id:" + UUID.randomUUID() + ":call")
          .await(10, TimeUnit.SECONDS);
      fresh.recordValue((System.nanoTime() - t0) / 1000);
      other.close();
    }
    System.out.printf("RESULT subscribe-to-ack, new interest (%d): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        fresh.getTotalCount(), fresh.getValueAtPercentile(50) / 1000.0,
        fresh.getValueAtPercentile(99) / 1000.0, fresh.getMaxValue() / 1000.0);
    System.out.printf("RESULT subscribe-to-ack, interest already held (%d): p50 %.2f ms, p99 %.2f ms%n",
        known.getTotalCount(), known.getValueAtPercentile(50) / 1000.0,
        known.getValueAtPercentile(99) / 1000.0);
    socket.close();
  }

  /**
   * 10 s of subscribe + unsubscribe pairs on fresh customers (every subscribe is new interest,
   * every unsubscribe a withdrawal), 30 connections spread over the nodes, each one request at a
   * time. Needs HERALD_CONTROL_RATE raised on the nodes.
   */
  private void churn(int[] ports) throws Exception {
    AtomicLong pairs = new AtomicLong();
    long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      WebSocket socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(ports[i % 3]).setURI("/v1.0/ws?token=" + issuer.agentToken(UUID.randomUUID(),
              UUID.randomUUID(), Principal.SUPER_ADMIN, Instant.now().plusSeconds(600))))
          .await(10, TimeUnit.SECONDS);
      ConcurrentHashMap<String, Promise<Void>> acks = new ConcurrentHashMap<>();
      completeAcks(socket, acks);
      loops.add(churnLoop(socket, acks, pairs, stopAt));
    }
    long start = System.nanoTime();
    Future.all(loops).await(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("RESULT churn: %d subscribe+unsubscribe pairs of new interest in %.1f s = %.0f pairs/s"
        + " across 3 nodes%n", pairs.get(), seconds, pairs.get() / seconds);
  }

  private Future<Void> churnLoop(WebSocket socket, ConcurrentHashMap<String, Promise<Void>> acks,
      AtomicLong pairs, long stopAt) {
    if (System.nanoTime() >= stopAt) {
      socket.close();
      return Future.succeededFuture();
    }
    String topic = "customer_id:" + UUID.randomUUID() + ":call";
    return subscribe(socket, acks, "subscribe", topic)
        .compose(v -> subscribe(socket, acks, "unsubscribe", topic))
        .compose(v -> {
          pairs.incrementAndGet();
          return churnLoop(socket, acks, pairs, stopAt);
        });
  }
}
