package io.herald.bench;

import io.herald.auth.Principal;
import io.herald.auth.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A first, simple throughput probe (the real load tool comes with the load-test issue): S
 * WebSocket subscribers to one prefix on a running node, a publisher posting batches of ~300-byte
 * events as fast as the node answers, for a bounded time. Prints published, expected and
 * delivered counts and delivered/s. Not a test: run it with scripts/fanout-probe.sh.
 *
 * <p>Arguments: host port secret [subscribers=1000] [seconds=10] [batch=50] [inFlight=4].
 */
public final class FanoutProbe {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String secret = args[2];
    int subscribers = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    int batch = args.length > 5 ? Integer.parseInt(args[5]) : 50;
    int inFlight = args.length > 6 ? Integer.parseInt(args[6]) : 4;

    Vertx vertx = Vertx.vertx();
    TokenIssuer issuer = new TokenIssuer(vertx, secret);
    Instant later = Instant.now().plus(Duration.ofHours(1));
    UUID customer = UUID.randomUUID();
    String token = issuer.agentToken(UUID.randomUUID(), customer, Principal.CUSTOMER_ADMIN, later);
    String service = issuer.serviceToken("probe", later);

    WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(subscribers + 10));
    AtomicLong delivered = new AtomicLong();
    AtomicLong acks = new AtomicLong();
    String subscribe = "{\"type\":\"subscribe\",\"topics\":[\"customer_id:" + customer + ":call\"]}";
    List<Future<?>> connected = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      connected.add(ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port)
              .setURI("/v1.0/ws?token=" + token))
          .onSuccess(socket -> {
            socket.textMessageHandler(text -> {
              if (text.startsWith("{\"type\":\"subscribed\"")) {
                acks.incrementAndGet();
              } else {
                delivered.incrementAndGet();
              }
            });
            socket.writeTextMessage(subscribe);
          }));
    }
    Future.all(connected).await(60, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acks.get() < subscribers && System.nanoTime() < deadline) {
      Thread.sleep(10); // a measuring tool, not a test: polling the ack counter is fine here
    }
    System.out.printf("subscribers connected and acknowledged: %d%n", acks.get());

    String data = "x".repeat(135); // makes each event frame ~300 bytes on the wire
    JsonArray events = new JsonArray();
    for (int i = 0; i < batch; i++) {
      events.add(new JsonObject().put("type", "call_updated")
          .put("topic", "customer_id:" + customer + ":call:" + UUID.randomUUID())
          .put("data", new JsonObject().put("status", "progressing").put("pad", data)));
    }
    Buffer body = Buffer.buffer(events.encode());
    int eventBytes = events.getJsonObject(0).encode().length();

    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(inFlight));
    RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost(host)
        .setPort(port).setURI("/v1.0/events").putHeader("Authorization", "Bearer " + service);
    AtomicLong published = new AtomicLong();
    long start = System.nanoTime();
    long stopAt = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<?>> publishers = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      publishers.add(publishLoop(http, post, body, batch, published, stopAt));
    }
    Future.all(publishers).await(seconds + 30, TimeUnit.SECONDS);
    long publishEnd = System.nanoTime();
    long expected = published.get() * subscribers;
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long last = -1;
    while (delivered.get() < expected && System.nanoTime() < drainDeadline) {
      Thread.sleep(50);
      if (delivered.get() == last && System.nanoTime() - publishEnd > TimeUnit.SECONDS.toNanos(10)) {
        break; // nothing moved for a while: report what arrived
      }
      last = delivered.get();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf("event size: %d bytes; publish window: %.1f s; total until delivered: %.1f s%n",
        eventBytes, (publishEnd - start) / 1e9, elapsed);
    System.out.printf("published: %d events (%.0f/s)%n", published.get(), published.get() / elapsed);
    System.out.printf("expected deliveries: %d; delivered: %d; lost: %d%n",
        expected, delivered.get(), expected - delivered.get());
    System.out.printf("RESULT subscribers=%d delivered_per_second=%.0f%n",
        subscribers, delivered.get() / elapsed);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static Future<Void> publishLoop(HttpClient http, RequestOptions post, Buffer body,
      int batch, AtomicLong published, long stopAt) {
    if (System.nanoTime() >= stopAt) {
      return Future.succeededFuture();
    }
    return http.request(post)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> {
          if (response.statusCode() != 202) {
            throw new IllegalStateException("publish answered " + response.statusCode() + ": " + b);
          }
          published.addAndGet(batch);
          return null;
        }))
        .compose(v -> publishLoop(http, post, body, batch, published, stopAt));
  }
}
