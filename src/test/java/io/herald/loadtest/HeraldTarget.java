package io.herald.loadtest;

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
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Herald: subscribers on /v1.0/ws with an admin token, publishers POST /v1.0/events. */
final class HeraldTarget implements Target {
  private static final Buffer SUBSCRIBED = Buffer.buffer("{\"type\":\"subscribed\"");
  private static final Buffer UNSUBSCRIBED = Buffer.buffer("{\"type\":\"unsubscribed\"");
  private static final Buffer ERROR = Buffer.buffer("{\"type\":\"error\"");

  /** Requests a publisher keeps in flight on its one connection (pipelined, so still in order). */
  private static final int PIPELINED = 4;

  private final Vertx publisherVertx;
  private final Endpoints endpoints;
  private final int payloadBytes;
  private final String subscriberToken;
  private final String serviceToken;

  /** @param allCustomers subscribers read every customer's topics (a super admin's token) */
  HeraldTarget(Vertx publisherVertx, Endpoints endpoints, String secret, UUID customer,
      int payloadBytes, boolean allCustomers) {
    this.publisherVertx = publisherVertx;
    this.endpoints = endpoints;
    this.payloadBytes = payloadBytes;
    TokenIssuer issuer = new TokenIssuer(publisherVertx, secret);
    Instant later = Instant.now().plus(Duration.ofHours(6));
    subscriberToken = issuer.agentToken(UUID.randomUUID(), customer,
        allCustomers ? Principal.SUPER_ADMIN : Principal.CUSTOMER_ADMIN, later);
    serviceToken = issuer.serviceToken("loadtest", later);
  }

  @Override
  public String name() {
    return "herald";
  }

  static String spell(LogicalTopic topic) {
    return topic.spell(":", null);
  }

  @Override
  public Future<Subscriber> connect(int index, Inbox inbox) {
    Endpoints.HostPort node = endpoints.subscriberNode(index);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(node.host())
        .setPort(node.port()).setURI("/v1.0/ws?token=" + subscriberToken);
    return endpoints.client(index).connect(options).map(socket -> new HeraldSubscriber(socket, inbox));
  }

  private static final class HeraldSubscriber implements Subscriber {
    private final WebSocket socket;
    private final AckQueue acks = new AckQueue();
    private int requests;

    HeraldSubscriber(WebSocket socket, Inbox inbox) {
      this.socket = socket;
      socket.handler(frame -> {
        if (startsWith(frame, SUBSCRIBED) || startsWith(frame, UNSUBSCRIBED)) {
          acks.acknowledged();
        } else if (startsWith(frame, ERROR)) {
          acks.refused(frame.toString());
        } else {
          inbox.deliver(frame, 0, frame.length());
        }
      });
      socket.closeHandler(v -> {
        acks.closed();
        inbox.disconnected();
      });
    }

    @Override
    public Future<Void> subscribe(LogicalTopic topic) {
      return control("subscribe", topic);
    }

    @Override
    public Future<Void> unsubscribe(LogicalTopic topic) {
      return control("unsubscribe", topic);
    }

    private Future<Void> control(String type, LogicalTopic topic) {
      Future<Void> ack = acks.expect();
      socket.writeTextMessage("{\"type\":\"" + type + "\",\"id\":\"r" + (++requests)
          + "\",\"topics\":[\"" + spell(topic) + "\"]}");
      return ack;
    }

    @Override
    public Future<Void> close() {
      return socket.close();
    }
  }

  private static boolean startsWith(Buffer frame, Buffer prefix) {
    if (frame.length() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (frame.getByte(i) != prefix.getByte(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Future<Publisher> publisher(int index) {
    Endpoints.HostPort node = endpoints.publisherNode(index);
    HttpClient http = publisherVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setPipelining(true).setPipeliningLimit(PIPELINED), new PoolOptions().setHttp1MaxSize(1));
    RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost(node.host())
        .setPort(node.port()).setURI("/v1.0/events")
        .putHeader("Authorization", "Bearer " + serviceToken)
        .putHeader("Content-Type", "application/json");
    return Future.succeededFuture(new HeraldPublisher(http, post, payloadBytes));
  }

  private static final class HeraldPublisher implements Publisher {
    private final HttpClient http;
    private final RequestOptions post;
    private final int payloadBytes;
    private int inFlight;

    HeraldPublisher(HttpClient http, RequestOptions post, int payloadBytes) {
      this.http = http;
      this.post = post;
      this.payloadBytes = payloadBytes;
    }

    @Override
    public Future<Void> publish(List<OutgoingEvent> events) {
      StringBuilder body = new StringBuilder(events.size() * (payloadBytes + 2)).append('[');
      for (OutgoingEvent event : events) {
        if (body.length() > 1) {
          body.append(',');
        }
        body.append(Payloads.event(spell(event.topic()), event.seq(), event.sentNanos(),
            payloadBytes));
      }
      inFlight++;
      return http.request(post)
          .compose(request -> request.send(body.append(']').toString()))
          .compose(response -> response.body().map(answer -> {
            if (response.statusCode() != 202) {
              throw new IllegalStateException("publish answered " + response.statusCode() + ": "
                  + answer);
            }
            return (Void) null;
          }))
          .andThen(done -> inFlight--);
    }

    @Override
    public boolean busy() {
      return inFlight >= PIPELINED;
    }

    @Override
    public Future<Void> close() {
      return http.close();
    }
  }
}
