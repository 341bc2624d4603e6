package io.herald.session;

import io.herald.auth.Principal;
import io.herald.protocol.ClientFrame;
import io.herald.protocol.ClientFrameCodec;
import io.herald.protocol.CloseCode;
import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.stream.ResumeSeam;
import io.herald.stream.StreamEvent;
import io.herald.stream.StreamPosition;
import io.herald.stream.StreamStamp;
import io.herald.stream.Window;
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
import java.util.UUID;

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
  /** Reads the customer's history for resumes and positions; null when history is off. */
  private final StreamReader streams;
  /** Joins a resume's replay to live delivery; null until the first resume. */
  private ResumeSeam<Stamped> seam;
  /** The latest place in the token's customer stream the client is known to have been given. */
  private StreamPosition position;
  /** The last event delivered, so that an event matching several subscriptions goes out once. */
  private long lastEventSequence;
  private boolean closed;
  /** When the client last showed it is alive (a frame or a pong), for the heartbeat. */
  private long lastHeardNanos;

  /** @param streams the customer streams' history when history is on, else null */
  public Session(
      Principal principal,
      ClientChannel channel,
      SubscriptionTrie<Session> trie,
      SessionLimits limits,
      SessionCodecs codecs,
      InterestGate interest,
      Reauthenticator reauthenticator,
      StreamReader streams,
      long nowNanos) {
    this.streams = streams;
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
    return deliver(frame, sequence, null);
  }

  /**
   * The same, for an event with a place in a customer stream ({@code stamp}, or null): events of
   * the client's own stream go through the resume seam while one is open.
   */
  public boolean deliver(TextFrame frame, long sequence, StreamStamp stamp) {
    if (closed || sequence == lastEventSequence) {
      return false;
    }
    lastEventSequence = sequence;
    if (stamp != null && stamp.customer().equals(principal.customerId())) {
      if (seam != null) {
        List<Stamped> released = seam.live(new Stamped(frame, stamp.position()));
        released.forEach(this::send);
        return !released.isEmpty();
      }
      advance(stamp.position());
    }
    channel.send(frame);
    return true;
  }

  /** The latest position of the client's stream it was given; null when none is known. */
  public StreamPosition position() {
    return position;
  }

  /**
   * The node is going away: tells the client where it stands in its stream, so that it can resume
   * on another node. {@code loopHead} is the newest position of the client's stream its event
   * loop delivered: everything up to it that matches the client's subscriptions was sent.
   */
  public void drain(StreamPosition loopHead) {
    if (closed || streams == null) {
      return;
    }
    StreamPosition drained = position;
    boolean settled = seam == null || seam.isJoined();
    if (settled && loopHead != null && (drained == null || isAfter(loopHead, drained))) {
      drained = loopHead;
    }
    if (drained != null) {
      channel.send(codecs.encoder().drain(drained));
    }
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
    if (frame.since() != null && (seam != null || position != null || !subscriptions.isEmpty())) {
      // Later, a replay would interleave with what the connection already gets live, and the
      // client's position would stop meaning "everything up to here".
      sendError(frame.id(), ErrorReason.BAD_REQUEST,
          "'since' is accepted only in the first subscribe of a connection", frame.topics());
      return null;
    }
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
    if (streams == null || accepted.isEmpty()) {
      Boolean recovered = frame.since() != null && !accepted.isEmpty() ? false : null;
      // "subscribed" promises delivery of everything published from now on, on any node.
      interest.whenLive(accepted.values(),
          () -> answer.sendSubscribed(frame.id(), null, recovered));
      return null;
    }
    StreamPosition since = frame.since();
    if (since != null) {
      seam = new ResumeSeam<>(since, Stamped::position); // holds live events back from now on
    }
    UUID customer = principal.customerId();
    List<Topic> topics = List.copyOf(accepted.values());
    // Read once the subscription is live: whatever the read misses is delivered live.
    interest.whenLive(topics, () -> streams.read(customer, since == null ? Long.MAX_VALUE
        : since.offset(), (window, failure) -> {
          if (closed) {
            return;
          }
          if (since == null && seam != null && !seam.isJoined()) {
            // A resume is replaying: this subscription is part of it, and the position the
            // client gets is the resume's, not a head it has not been brought to yet.
            answer.sendSubscribed(frame.id(), null, null);
          } else if (since == null) {
            if (window != null) {
              advance(window.head());
            }
            answer.sendSubscribed(frame.id(), position, null);
          } else {
            resume(frame.id(), answer, since, window);
          }
        }));
    return null;
  }

  /** Replays what the client missed and joins it to live delivery; the ack says if it could. */
  private void resume(String id, Answer answer, StreamPosition since, Window window) {
    // Every subscription held now, those sent after the resume included: their held-back live
    // events and the replay are one offset order, deduplicated by the seam.
    List<Topic> topics = List.copyOf(subscriptions.values());
    ResumeSeam.Resumed<Stamped> resumed = window == null
        ? seam.history("", Long.MAX_VALUE, List.of()) // unreadable: known not to recover
        : seam.history(window.epoch(), window.oldest(), replay(window, topics));
    StreamPosition from = resumed.recovered() ? since : window == null ? null : window.head();
    if (from != null) {
      position = from;
    }
    answer.sendSubscribed(id, from, resumed.recovered());
    resumed.deliver().forEach(this::send);
  }

  /** The history's events that match {@code topics}, each as the frame of its first match. */
  private static List<Stamped> replay(Window window, List<Topic> topics) {
    List<Stamped> replay = new ArrayList<>();
    for (StreamEvent event : window.events()) {
      for (int i = 0; i < event.topics().size(); i++) {
        Topic eventTopic = TopicParser.event(event.topics().get(i));
        if (topics.stream().anyMatch(topic -> topic.isPrefixOf(eventTopic))) {
          replay.add(new Stamped(TextFrame.ofEncoded(event.frames().get(i)), event.position()));
          break;
        }
      }
    }
    return replay;
  }

  private void send(Stamped event) {
    advance(event.position());
    channel.send(event.frame());
  }

  private void advance(StreamPosition next) {
    if (position == null || isAfter(next, position)) {
      position = next;
    }
  }

  /** Later in the same epoch, or in another epoch (a stream only ever moves on to a new one). */
  private static boolean isAfter(StreamPosition candidate, StreamPosition current) {
    return !candidate.epoch().equals(current.epoch()) || candidate.offset() > current.offset();
  }

  /** An event of the client's stream on its way through a resume. */
  private record Stamped(TextFrame frame, StreamPosition position) {}

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
      send(accepted.isEmpty() ? null : encoder.ack(subscribe, id, List.copyOf(accepted)), id);
    }

    /** A subscribe's answer, with the stream position and resume outcome when there are any. */
    void sendSubscribed(String id, StreamPosition at, Boolean recovered) {
      ServerFrameEncoder encoder = codecs.encoder();
      send(accepted.isEmpty() ? null : encoder.subscribed(id, List.copyOf(accepted), at, recovered), id);
    }

    private void send(TextFrame ack, String id) {
      ServerFrameEncoder encoder = codecs.encoder();
      if (ack != null) {
        channel.send(ack);
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
