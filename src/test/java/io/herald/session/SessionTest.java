package io.herald.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.auth.Principal;
import io.herald.auth.Principal.Kind;
import io.herald.protocol.CloseCode;
import io.herald.protocol.ServerFrameEncoder;
import io.herald.protocol.TextFrame;
import io.herald.session.Session.SessionCodecs;
import io.herald.topic.SubscriptionTrie;
import io.herald.topic.TopicParser;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTest {
  static final UUID CUSTOMER = UUID.randomUUID();
  static final UUID AGENT = UUID.randomUUID();
  static final String C = "customer_id:" + CUSTOMER;

  final SubscriptionTrie<Session> trie = new SubscriptionTrie<>();
  final RecordingChannel channel = new RecordingChannel();
  final ServerFrameEncoder encoder = new ServerFrameEncoder();
  InterestGate gate = InterestGate.LOCAL;
  /** Tokens are looked up in this map: a refresh with an unknown token is refused. */
  final java.util.Map<String, Principal> tokens = new java.util.HashMap<>();
  final Reauthenticator reauth = (token, callback) -> {
    Principal principal = tokens.get(token);
    callback.accept(principal, principal == null
        ? new io.herald.protocol.HeraldException(io.herald.protocol.ErrorReason.INVALID_CREDENTIALS, "bad") : null);
  };
  long now = 0;

  Session session(int permission, SessionLimits limits) {
    Principal principal = new Principal(Kind.AGENT, CUSTOMER, AGENT, permission,
        Instant.now().plusSeconds(3600));
    return new Session(principal, channel, trie, limits, SessionCodecs.create(), gate, reauth, null,
        now);
  }

  Session admin() {
    return session(Principal.CUSTOMER_ADMIN, new SessionLimits(1000, 50, 100));
  }

  void send(Session session, String frame) {
    now += 1_000_000_000L; // one frame a second stays far below any rate limit
    session.onText(frame, now);
  }

  static String subscribe(String id, String... topics) {
    return frame("subscribe", id, topics);
  }

  static String unsubscribe(String id, String... topics) {
    return frame("unsubscribe", id, topics);
  }

  static String frame(String type, String id, String... topics) {
    JsonObject json = new JsonObject().put("type", type).put("topics", List.of(topics));
    if (id != null) {
      json.put("id", id);
    }
    return json.encode();
  }

  int deliveries(String eventTopic, long sequence) {
    TextFrame frame = encoder.event("call_updated", eventTopic, "{}");
    int before = channel.sent.size();
    trie.forEachMatch(TopicParser.event(eventTopic), s -> s.deliver(frame, sequence));
    return channel.sent.size() - before;
  }

  @Test
  void subscribeIsAcknowledgedWithCanonicalTopics() {
    Session session = admin();
    send(session, subscribe("r1", "call", C.toUpperCase().replace("CUSTOMER_ID", "customer_id") + ":queue:*"));
    assertThat(channel.drain()).containsExactly(new JsonObject()
        .put("type", "subscribed").put("id", "r1")
        .put("topics", List.of(C + ":call", C + ":queue")));
    assertThat(session.subscriptions()).containsExactly(C + ":call", C + ":queue");
    assertThat(trie.size()).isEqualTo(2);
  }

  @Test
  void acceptedTopicsApplyWhenOthersAreRefused() {
    Session session = admin();
    String foreign = "customer_id:" + UUID.randomUUID() + ":call";
    send(session, subscribe("r2", "call", "bad topic", foreign, "x::y"));
    List<JsonObject> frames = channel.drain();
    assertThat(frames).hasSize(3);
    assertThat(frames.get(0).getString("type")).isEqualTo("subscribed");
    assertThat(frames.get(0).getJsonArray("topics").getList()).containsExactly(C + ":call");
    assertThat(frames.get(1).getString("reason")).isEqualTo("INVALID_TOPIC");
    assertThat(frames.get(1).getJsonArray("topics").getList()).containsExactly("bad topic", "x::y");
    assertThat(frames.get(1).getString("id")).isEqualTo("r2");
    assertThat(frames.get(2).getString("reason")).isEqualTo("PERMISSION_DENIED");
    assertThat(frames.get(2).getJsonArray("topics").getList()).containsExactly(foreign);
    assertThat(deliveries(C + ":call:1", 1)).isEqualTo(1);
    assertThat(deliveries(foreign + ":1", 2)).isZero();
  }

  @Test
  void allRefusedMeansNoAckOnlyErrors() {
    Session session = session(Principal.AGENT, new SessionLimits(1000, 50, 100));
    send(session, subscribe("r3", "call"));
    assertThat(channel.drain()).singleElement()
        .satisfies(f -> assertThat(f.getString("reason")).isEqualTo("PERMISSION_DENIED"));
    assertThat(trie.isEmpty()).isTrue();
  }

  @Test
  void agentMaySubscribeToItself() {
    Session session = session(Principal.AGENT, new SessionLimits(1000, 50, 100));
    send(session, subscribe(null, "agent_id:" + AGENT + ":call"));
    assertThat(channel.last().getString("type")).isEqualTo("subscribed");
    assertThat(channel.last().containsKey("id")).isFalse();
  }

  @Test
  void subscriptionLimitRefusesTheRestAndResubscribingIsFree() {
    Session session = session(Principal.CUSTOMER_ADMIN, new SessionLimits(2, 50, 100));
    send(session, subscribe("a", "call:1", "call:2", "call:3"));
    List<JsonObject> frames = channel.drain();
    assertThat(frames.get(0).getJsonArray("topics")).hasSize(2);
    assertThat(frames.get(1).getString("reason")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
    assertThat(frames.get(1).getJsonArray("topics").getList()).containsExactly("call:3");
    send(session, subscribe("b", "call:1"));
    assertThat(channel.drain()).singleElement()
        .satisfies(f -> assertThat(f.getString("type")).isEqualTo("subscribed"));
  }

  @Test
  void unsubscribeStopsDeliveryAndUnknownTopicsAreAcknowledged() {
    Session session = admin();
    send(session, subscribe("a", "call"));
    send(session, unsubscribe("b", "call", "queue"));
    assertThat(channel.last()).isEqualTo(new JsonObject().put("type", "unsubscribed").put("id", "b")
        .put("topics", List.of(C + ":call", C + ":queue")));
    assertThat(trie.isEmpty()).isTrue();
    assertThat(deliveries(C + ":call:1", 1)).isZero();
  }

  @Test
  void unsubscribeOfInvalidTopicIsAnError() {
    Session session = admin();
    send(session, unsubscribe("u", "a b"));
    assertThat(channel.last().getString("reason")).isEqualTo("INVALID_TOPIC");
  }

  @Test
  void overlappingSubscriptionsDeliverOnce() {
    Session session = admin();
    send(session, subscribe("a", "call", "call:1", C));
    channel.drain();
    assertThat(deliveries(C + ":call:1", 7)).isEqualTo(1);
    // The same event through a second topic of its own is still the same event.
    assertThat(deliveries(C + ":call:1", 7)).isZero();
    assertThat(deliveries(C + ":call:1", 8)).isEqualTo(1);
  }

  @Test
  void malformedFramesGetBadRequestAndTheSessionGoesOn() {
    Session session = admin();
    send(session, "{oops");
    assertThat(channel.last().getString("reason")).isEqualTo("BAD_REQUEST");
    send(session, "{\"type\":\"dance\",\"id\":\"d\",\"topics\":[\"call\"]}");
    assertThat(channel.last().getString("reason")).isEqualTo("BAD_REQUEST");
    assertThat(channel.last().getString("id")).isEqualTo("d");
    send(session, subscribe("ok", "call"));
    assertThat(channel.last().getString("type")).isEqualTo("subscribed");
    assertThat(channel.closedWith).isNull();
  }

  @Test
  void burstAboveTheLimitIsRateLimited() {
    Session session = session(Principal.CUSTOMER_ADMIN, new SessionLimits(1000, 50, 100));
    for (int i = 0; i < 105; i++) {
      session.onText(subscribe("r" + i, "call:" + i), now);
    }
    List<JsonObject> frames = channel.drain();
    assertThat(frames.subList(0, 100)).allSatisfy(f -> assertThat(f.getString("type")).isEqualTo("subscribed"));
    assertThat(frames.subList(100, 105)).allSatisfy(f -> {
      assertThat(f.getString("reason")).isEqualTo("RATE_LIMITED");
    });
    assertThat(frames.get(100).getString("id")).isEqualTo("r100");
    assertThat(session.subscriptions()).hasSize(100);
    session.onText(subscribe("later", "call:x"), now + 1_000_000_000L / 50);
    assertThat(channel.last().getString("type")).isEqualTo("subscribed");
  }

  @Test
  void closeReleasesEverySubscriptionAndSilencesTheSession() {
    Session session = admin();
    send(session, subscribe("a", "call", "queue"));
    session.close(CloseCode.TOKEN_EXPIRED, "expired");
    assertThat(channel.closedWith).isEqualTo(CloseCode.TOKEN_EXPIRED);
    assertThat(trie.isEmpty()).isTrue();
    session.onText(subscribe("b", "call"), now);
    assertThat(trie.isEmpty()).isTrue();
  }

  /** A gate that records what sessions hold and lets the test decide when interest is live. */
  static final class HeldGate implements InterestGate {
    final java.util.Map<String, Integer> held = new java.util.HashMap<>();
    final List<Runnable> waiting = new java.util.ArrayList<>();

    @Override
    public void acquire(io.herald.topic.Topic topic) {
      held.merge(topic.value(), 1, Integer::sum);
    }

    @Override
    public void release(io.herald.topic.Topic topic) {
      held.merge(topic.value(), -1, Integer::sum);
    }

    @Override
    public void whenLive(java.util.Collection<io.herald.topic.Topic> topics, Runnable callback) {
      waiting.add(callback);
    }
  }

  @Test
  void ackWaitsUntilTheInterestIsLive() {
    HeldGate held = new HeldGate();
    gate = held;
    Session session = admin();
    send(session, subscribe("r1", "call", "bad topic"));
    assertThat(channel.sent).isEmpty();
    assertThat(held.held).containsEntry(C + ":call", 1);
    held.waiting.forEach(Runnable::run);
    assertThat(channel.drain()).extracting(f -> f.getString("type")).containsExactly("subscribed", "error");
  }

  @Test
  void everyHeldTopicIsReleasedOnceOnUnsubscribeOrClose() {
    HeldGate held = new HeldGate();
    gate = held;
    Session session = admin();
    send(session, subscribe("a", "call", "queue"));
    send(session, subscribe("b", "call"));
    assertThat(held.held).containsEntry(C + ":call", 1).containsEntry(C + ":queue", 1);
    send(session, unsubscribe("c", "call", "call", "never"));
    assertThat(held.held).containsEntry(C + ":call", 0);
    session.close(CloseCode.GOING_AWAY, "bye");
    assertThat(held.held.values()).containsOnly(0);
  }

  @Test
  void heartbeatPingsALiveClientAndClosesASilentOne() {
    Session session = admin();
    long second = 1_000_000_000L;
    session.heartbeat(now + 5 * second, 60 * second);
    assertThat(channel.pings).isEqualTo(1);
    session.onPong(now + 50 * second);
    session.heartbeat(now + 100 * second, 60 * second);
    assertThat(channel.pings).isEqualTo(2);
    assertThat(channel.closedWith).isNull();
    session.heartbeat(now + 111 * second, 60 * second);
    assertThat(channel.closedWith).isEqualTo(CloseCode.HEARTBEAT_TIMEOUT);
  }

  @Test
  void anyClientFrameCountsAsALifeSign() {
    Session session = admin();
    long second = 1_000_000_000L;
    session.onText(subscribe("a", "call"), now + 59 * second);
    session.heartbeat(now + 100 * second, 60 * second);
    assertThat(channel.closedWith).isNull();
  }

  static String refresh(String id, String token) {
    return new JsonObject().put("type", "refresh").put("id", id).put("token", token).encode();
  }

  @Test
  void refreshWithTheSameIdentityExtendsAndDropsWhatIsNoLongerAllowed() {
    Session session = admin();
    send(session, subscribe("a", "call", "agent_id:" + AGENT));
    channel.drain();
    Instant later = Instant.now().plusSeconds(7200);
    tokens.put("agent-only", new Principal(Kind.AGENT, CUSTOMER, AGENT, Principal.AGENT, later));
    send(session, refresh("r", "agent-only"));
    List<JsonObject> frames = channel.drain();
    assertThat(frames.get(0)).isEqualTo(new JsonObject().put("type", "refreshed").put("id", "r")
        .put("expire", later.toString()));
    assertThat(frames.get(1).getString("reason")).isEqualTo("PERMISSION_DENIED");
    assertThat(frames.get(1).getJsonArray("topics").getList()).containsExactly(C + ":call");
    assertThat(session.subscriptions()).containsExactly("agent_id:" + AGENT);
    assertThat(session.principal().expiresAt()).isEqualTo(later);
    assertThat(deliveries(C + ":call:1", 1)).isZero();
  }

  @Test
  void refreshForAnotherIdentityOrWithABadTokenChangesNothing() {
    Session session = admin();
    send(session, subscribe("a", "call"));
    channel.drain();
    Principal before = session.principal();
    tokens.put("other-agent", new Principal(Kind.AGENT, CUSTOMER, UUID.randomUUID(),
        Principal.CUSTOMER_ADMIN, Instant.now().plusSeconds(7200)));
    tokens.put("service", new Principal(Kind.SERVICE, CUSTOMER, AGENT, 0, Instant.now().plusSeconds(7200)));
    send(session, refresh("x", "other-agent"));
    send(session, refresh("y", "service"));
    send(session, refresh("z", "unknown"));
    assertThat(channel.drain()).extracting(f -> f.getString("reason"))
        .containsExactly("PERMISSION_DENIED", "PERMISSION_DENIED", "INVALID_CREDENTIALS");
    assertThat(session.principal()).isEqualTo(before);
    assertThat(session.subscriptions()).containsExactly(C + ":call");
  }

  @Test
  void tenantsAreIsolated() {
    Session mine = admin();
    send(mine, subscribe("a", "call"));
    RecordingChannel otherChannel = new RecordingChannel();
    UUID otherCustomer = UUID.randomUUID();
    Session other = new Session(new Principal(Kind.CUSTOMER, otherCustomer, null,
        Principal.CUSTOMER_ADMIN, Instant.now().plusSeconds(60)), otherChannel, trie,
        new SessionLimits(10, 50, 100), SessionCodecs.create(), InterestGate.LOCAL, reauth,
        null, now);
    other.onText(subscribe("b", "call"), now);
    channel.drain();
    otherChannel.drain();
    deliveries("customer_id:" + otherCustomer + ":call:1", 1);
    assertThat(channel.sent).isEmpty();
    assertThat(otherChannel.sent).hasSize(1);
  }
}
