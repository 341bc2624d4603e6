package io.herald.ops;

import io.herald.protocol.CloseCode;
import io.herald.protocol.ErrorReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every meter Herald declares, in one place, on one registry per node. Labels stay
 * low-cardinality: reasons and close codes, an event-loop index; never a customer, a connection
 * or a topic. Thread-safe (Micrometer meters are).
 */
public final class HeraldMetrics {
  private final PrometheusMeterRegistry registry;
  private final Counter eventsAccepted;
  private final Counter eventsForwarded;
  private final Counter framesDelivered;
  private final Timer acceptToWrite;
  private final Counter streamDuplicates;
  private final Counter streamFills;
  private final Counter streamLost;
  private final Map<ErrorReason, Counter> handshakesRefused = new EnumMap<>(ErrorReason.class);

  private HeraldMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    eventsAccepted = Counter.builder("herald.events.accepted")
        .description("events accepted on this node (HTTP and event bus)").register(registry);
    eventsForwarded = Counter.builder("herald.events.forwarded")
        .description("node sends: events sent to another node that wanted them").register(registry);
    framesDelivered = Counter.builder("herald.frames.delivered")
        .description("event frames written to WebSockets").register(registry);
    acceptToWrite = Timer.builder("herald.delivery.latency")
        .description("from accepting an event on this node to writing it to every local socket of one event loop")
        .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    streamDuplicates = Counter.builder("herald.stream.duplicates")
        .description("stream events this node received twice and dropped (a retried append, a late event of a previous sequencer)")
        .register(registry);
    streamFills = Counter.builder("herald.stream.fills")
        .description("possible gaps in a customer stream this node filled from the history")
        .register(registry);
    streamLost = Counter.builder("herald.stream.lost")
        .description("stream events this node could not get: gone from the history before a gap was filled")
        .register(registry);
    for (ErrorReason reason : ErrorReason.values()) {
      handshakesRefused.put(reason, Counter.builder("herald.handshakes.refused")
          .description("WebSocket handshakes refused before the upgrade").tag("reason", reason.name())
          .register(registry));
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public static HeraldMetrics create() {
    return new HeraldMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Vert.x's own metrics (event loops, HTTP server, event bus) on the same registry. */
  public VertxMetricsFactory vertxMetrics() {
    return new MicrometerMetricsFactory(registry);
  }

  /** {@code GET /metrics}: the Prometheus text format. */
  public Handler<RoutingContext> scrapeHandler() {
    return PrometheusScrapingHandler.create(registry);
  }

  public void eventsAccepted(int count) {
    eventsAccepted.increment(count);
  }

  public void eventForwarded() {
    eventsForwarded.increment();
  }

  /** What a node's stream cursors saw: dropped duplicates, gap fills, events known lost. */
  public void stream(long duplicates, long fills, long lost) {
    streamDuplicates.increment(duplicates);
    streamFills.increment(fills);
    streamLost.increment(lost);
  }

  public void framesDelivered(int count) {
    framesDelivered.increment(count);
  }

  public void deliveredSince(long acceptedNanos) {
    acceptToWrite.record(System.nanoTime() - acceptedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** How late a periodic task ran on one event loop: a busy or blocked loop shows here first. */
  public Timer eventLoopDelay(int loop) {
    return Timer.builder("herald.event.loop.delay")
        .description("lateness of a 100 ms periodic task on each event loop")
        .tag("loop", String.valueOf(loop)).publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
  }

  public void handshakeRefused(ErrorReason reason) {
    handshakesRefused.get(reason).increment();
  }

  public void connectionsOpen(Supplier<Number> open) {
    Gauge.builder("herald.connections.open", open).description("open WebSocket connections")
        .register(registry);
  }

  public void subscriptions(int loop, Supplier<Number> count) {
    Gauge.builder("herald.subscriptions", count).description("subscriptions held, per event loop")
        .tag("loop", String.valueOf(loop)).register(registry);
  }

  public void disconnects(DisconnectCounters counters) {
    for (CloseCode code : CloseCode.values()) {
      FunctionCounter.builder("herald.disconnects", counters, c -> c.count(code))
          .description("connections closed by the node, by reason").tag("reason", code.name())
          .register(registry);
    }
  }

  public void cluster(Supplier<Number> members, Supplier<Number> prefixes) {
    Gauge.builder("herald.cluster.members", members).description("cluster members, this node included")
        .register(registry);
    Gauge.builder("herald.interest.prefixes", prefixes).description("prefixes this node advertises")
        .register(registry);
  }
}
