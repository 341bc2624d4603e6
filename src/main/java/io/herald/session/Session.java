package io.herald.session;

import io.herald.auth.Principal;
import io.herald.protocol.ClientFrame;
import io.herald.protocol.ClientFrameCodec;
import io.herald.protocol.CloseCode;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.topic.SubscriptionTrie;
import io.herald.topic.Topic;
import io.herald.topic.TopicParser;
import io.herald.topic.TopicPermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One client connection's state: its principal, its subscriptions (mirrored into the owning
 * event loop's trie) and its control-frame budget. Owned by, and only touched from, the event
 * loop of the verticle that accepted the connection.
 */
public final class Session implements ClientFrame.Handler<Void> {
  /** Replaced by a successful refresh. */
  private Principal principal;
  private final ClientChannel channel;
  private final SubscriptionTrie<Session> trie;
  private final SessionLimits limits;
  private final SessionCodecs codecs;
  private final InterestGate interest;
  private final Reauthenticator reauthenticator;
  private final RateLimiter rateLimiter;
  private final Map<String, Topic> subscriptions = new LinkedHashMap<>();
  /** The last event delivered, so that an event matching several subscriptions goes out once. */
  private long lastEventSequence;
  private boolean closed;
  /** When the client last showed it is alive (a frame or a pong), for the heartbeat. */
  private long lastHeardNanos;

  public Session(
      Principal principal,
      ClientChannel channel,
      SubscriptionTrie<Session> trie,
      SessionLimits limits,
      SessionCodecs codecs,
      InterestGate interest,
      Reauthenticator reauthenticator,
      long nowNanos) {
    this.principal = principal;
    this.channel = channel;
    this.trie = trie;
    this.limits = limits;
    this.codecs = codecs;
    this.interest = interest;
    this.reauthenticator = reauthenticator;
    this.rateLimiter = new RateLimiter(limits.controlRate(), limits.controlBurst(), nowNanos);
    this.lastHeardNanos = nowNanos;
  }

  public Principal principal() {
    return principal;
  }

  /** The canonical topics held, in the order they were first subscribed. */
  public Set<String> subscriptions() {
    return subscriptions.keySet();
  }

  /** Handles one client text message. */
  public void onText(String text, long nowNanos) {
    if (closed) {
      return;
    }
    lastHeardNanos = nowNanos;
    ClientFrame frame = codecs.decoder().decode(text);
    if (!rateLimiter.tryAcquire(nowNanos)) {
      sendError(frame.id(), ErrorReason.RATE_LIMITED,
          "more than " + limits.controlRate() + " frames a second", topicsOf(frame));
      return;
    }
    frame.accept(this);
  }

  /**
   * Sends an event frame unless this session already got event {@code sequence}: an event whose
   * topics match several of its subscriptions must arrive once. True when it was sent.
   */
  public boolean deliver(TextFrame frame, long sequence) {
    if (closed || sequence == lastEventSequence) {
      return false;
    }
    lastEventSequence = sequence;
    channel.send(frame);
    return true;
  }

  /** The client answered a ping. */
  public void onPong(long nowNanos) {
    lastHeardNanos = nowNanos;
  }

  /**
   * One heartbeat round: closes the connection if the client has been silent longer than
   * {@code idleNanos}, else pings it.
   */
  public void heartbeat(long nowNanos, long idleNanos) {
    if (closed) {
      return;
    }
    if (nowNanos - lastHeardNanos > idleNanos) {
      close(CloseCode.HEARTBEAT_TIMEOUT, "no answer to pings");
    } else {
      channel.ping();
    }
  }

  /** Closes the connection and drops every subscription. */
  public void close(CloseCode code, String reason) {
    if (closed) {
      return;
    }
    channel.close(code, reason);
    release();
  }

  /** Drops every subscription; the connection is gone. Idempotent. */
  public void release() {
    closed = true;
    for (Topic topic : subscriptions.values()) {
      trie.remove(topic, this);
      interest.release(topic);
    }
    subscriptions.clear();
  }

  @Override
  public Void subscribe(ClientFrame.Subscribe frame) {
    Answer answer = new Answer();
    Map<String, Topic> accepted = new LinkedHashMap<>();
    for (String raw : frame.topics()) {
      Topic topic = parse(raw, answer);
      if (topic == null) {
        continue;
      }
      if (!TopicPermissions.mayRead(principal, topic)) {
        answer.reject(ErrorReason.PERMISSION_DENIED, raw, "not allowed to read " + topic.value());
      } else if (subscriptions.containsKey(topic.value())) {
        accepted.put(topic.value(), topic);
      } else if (subscriptions.size() >= limits.maxSubscriptions()) {
        answer.reject(ErrorReason.TOO_MANY_SUBSCRIPTIONS, raw,
            "a connection may hold at most " + limits.maxSubscriptions() + " subscriptions");
      } else {
        subscriptions.put(topic.value(), topic);
        trie.add(topic, this);
        interest.acquire(topic);
        accepted.put(topic.value(), topic);
      }
    }
    accepted.keySet().forEach(answer::accept);
    // "subscribed" promises delivery of everything published from now on, on any node.
    interest.whenLive(accepted.values(), () -> answer.send(true, frame.id()));
    return null;
  }

  @Override
  public Void unsubscribe(ClientFrame.Unsubscribe frame) {
    Answer answer = new Answer();
    for (String raw : frame.topics()) {
      Topic topic = parse(raw, answer);
      if (topic == null) {
        continue;
      }
      if (subscriptions.remove(topic.value()) != null) {
        trie.remove(topic, this);
        interest.release(topic);
      }
      answer.accept(topic.value());
    }
    answer.send(false, frame.id());
    return null;
  }

  /**
   * A new token for the same customer and agent: the connection lives on to its expiry, and any
   * subscription the new permissions no longer allow is dropped, with an error naming it.
   */
  @Override
  public Void refresh(ClientFrame.Refresh frame) {
    reauthenticator.verify(frame.token(), (renewed, refusal) -> {
      if (closed) {
        return;
      }
      if (refusal != null) {
        sendError(frame.id(), refusal.reason(), refusal.getMessage(), List.of());
      } else if (!renewed.maySubscribe()
          || !Objects.equals(renewed.customerId(), principal.customerId())
          || !Objects.equals(renewed.agentId(), principal.agentId())) {
        sendError(frame.id(), ErrorReason.PERMISSION_DENIED,
            "the new token belongs to another customer or agent", List.of());
      } else {
        principal = renewed;
        List<String> dropped = new ArrayList<>();
        for (Topic topic : List.copyOf(subscriptions.values())) {
          if (!TopicPermissions.mayRead(principal, topic)) {
            subscriptions.remove(topic.value());
            trie.remove(topic, this);
            interest.release(topic);
            dropped.add(topic.value());
          }
        }
        channel.send(codecs.encoder().refreshed(frame.id(), principal.expiresAt()));
        if (!dropped.isEmpty()) {
          sendError(frame.id(), ErrorReason.PERMISSION_DENIED,
              "the new token may not read these; they were dropped", dropped);
        }
      }
    });
    return null;
  }

  @Override
  public Void malformed(ClientFrame.Malformed frame) {
    sendError(frame.id(), ErrorReason.BAD_REQUEST, frame.problem(), List.of());
    return null;
  }

  private Topic parse(String raw, Answer answer) {
    try {
      return TopicParser.subscription(raw, principal.customerId());
    } catch (HeraldException e) {
      answer.reject(e.reason(), raw, e.getMessage());
      return null;
    }
  }

  private static List<String> topicsOf(ClientFrame frame) {
    if (frame instanceof ClientFrame.Subscribe subscribe) {
      return subscribe.topics();
    }
    if (frame instanceof ClientFrame.Unsubscribe unsubscribe) {
      return unsubscribe.topics();
    }
    return List.of();
  }

  private void sendError(String id, ErrorReason reason, String message, List<String> topics) {
    channel.send(codecs.encoder().error(id, reason, message, topics));
  }

  /** Collects the outcome of one request: the accepted topics, and the refused ones by reason. */
  private final class Answer {
    private final Set<String> accepted = new LinkedHashSet<>();
    private final Map<ErrorReason, Rejection> rejected = new EnumMap<>(ErrorReason.class);

    void accept(String canonical) {
      accepted.add(canonical);
    }

    void reject(ErrorReason reason, String raw, String message) {
      rejected.computeIfAbsent(reason, r -> new Rejection(message, new ArrayList<>())).topics.add(raw);
    }

    /** The ack first (accepted topics take effect even when others fail), then one error per reason. */
    void send(boolean subscribe, String id) {
      ServerFrameEncoder encoder = codecs.encoder();
      if (!accepted.isEmpty()) {
        channel.send(encoder.ack(subscribe, id, List.copyOf(accepted)));
      }
      rejected.forEach((reason, rejection) ->
          channel.send(encoder.error(id, reason, rejection.message, rejection.topics)));
    }
  }

  private record Rejection(String message, List<String> topics) {}

  /** The stateless codecs every session of a node shares. */
  public record SessionCodecs(ClientFrameCodec decoder, ServerFrameEncoder encoder) {
    public static SessionCodecs create() {
      return new SessionCodecs(new ClientFrameCodec(), new ServerFrameEncoder());
    }
  }
}
