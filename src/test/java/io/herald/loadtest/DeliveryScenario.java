package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code fanout} (every subscriber on one prefix, so each event is delivered S times) and
 * {@code targeted} (each subscriber on its own exact topic, each event to one random subscriber).
 * A correctness pass at a low rate comes first and must deliver exactly what it published; then a
 * warm-up; then the measured window, after which the tool waits for stragglers before counting.
 */
final class DeliveryScenario {
  private static final double CORRECTNESS_RATE = 50;

  private final Vertx vertx;
  private final Target target;
  private final Options options;
  private final UUID customer;
  /** Targeted: subscriber (and topic) k belongs to customer k modulo this list. */
  private final List<UUID> customers = new java.util.ArrayList<>();
  private final boolean fanout;

  DeliveryScenario(Vertx vertx, Target target, Options options, UUID customer) {
    this.vertx = vertx;
    this.target = target;
    this.options = options;
    this.customer = customer;
    this.fanout = "fanout".equals(options.text("scenario"));
    customers.add(customer);
    for (int i = 1; i < options.integer("customers"); i++) {
      customers.add(UUID.randomUUID());
    }
    if (fanout && customers.size() > 1) {
      throw new IllegalArgumentException("--customers applies to the targeted scenario");
    }
  }

  Result run() throws Exception {
    int subscribers = options.integer("subscribers");
    int publisherCount = options.integer("publishers");
    Deliveries deliveries = new Deliveries(publisherCount);
    Connections.Opened opened = Connections.open(target, subscribers,
            options.integer("connect-concurrency"), i -> deliveries.inbox(), this::subscription)
        .await(300, TimeUnit.SECONDS);
    if (opened.failed() > 0) {
      throw new IllegalStateException(opened.failed() + " subscribers failed to connect or "
          + "subscribe; first: " + opened.firstFailure());
    }
    List<Target.Publisher> publishers = new ArrayList<>();
    for (int p = 0; p < publisherCount; p++) {
      publishers.add(target.publisher(p).await(60, TimeUnit.SECONDS));
    }
    long perEvent = fanout ? subscribers : 1;
    PublishDriver driver = new PublishDriver(vertx, publishers, this::eventTopic, perEvent,
        deliveries, options.integer("batch"), options.integer("window"));

    Result result = header(subscribers);
    int correctnessEvents = options.integer("correctness-events");
    driver.run(CORRECTNESS_RATE, 120, correctnessEvents).await(180, TimeUnit.SECONDS);
    PublishDriver.Counts checked = drain(driver, deliveries);
    boolean correct = checked.expected() == deliveries.all() && deliveries.outOfOrder() == 0
        && deliveries.unreadable() == 0 && deliveries.disconnects() == 0 && checked.refused() == 0;
    result.put("correctness_events", checked.issued())
        .put("correctness_expected", checked.expected())
        .put("correctness_delivered", deliveries.all())
        .put("correctness", correct ? "pass" : "FAIL");
    if (!correct) {
      return result.put("first_refusal", checked.firstRefusal());
    }
    if (options.number("duration") <= 0) {
      return result;
    }

    double rate = options.rate();
    driver.run(rate, options.number("warmup"), Long.MAX_VALUE).await(600, TimeUnit.SECONDS);
    long start = System.nanoTime();
    ProcessStats.CpuMeter cpu = ProcessStats.CpuMeter.start(options.serverPids());
    deliveries.openWindow(start);
    driver.run(rate, options.number("duration"), Long.MAX_VALUE).await(600, TimeUnit.SECONDS);
    long end = System.nanoTime();
    deliveries.closeWindow(end);
    double wall = (end - start) / 1e9;
    ProcessStats.Cores cores = cpu.cores(wall);
    PublishDriver.Counts counts = drain(driver, deliveries);
    long delivered = deliveries.measured();
    double span = (Math.max(end, deliveries.lastDelivery()) - start) / 1e9;
    return cores.addTo(result
        .put("published_per_s", Math.round(counts.measuredPublished() / wall))
        .put("delivered_per_s", Math.round(delivered / span))
        .put("expected", counts.measuredExpected())
        .put("delivered", delivered)
        .put("lost", counts.measuredExpected() - delivered)
        .put("delivered_ratio", Result.round(counts.measuredExpected() == 0 ? 0
            : (double) delivered / counts.measuredExpected(), 6))
        .put("out_of_order", deliveries.outOfOrder())
        .put("disconnects", deliveries.disconnects())
        .put("refused_events", counts.refused())
        .latency("latency", deliveries.latencyMicros()));
  }

  private Result header(int subscribers) {
    return new Result()
        .put("target", target.name())
        .put("scenario", options.text("scenario"))
        .put("label", options.text("label"))
        .put("nodes", options.nodes("urls").size())
        .put("publish_nodes", options.nodes("publish-urls").size())
        .put("subscribers", subscribers)
        .put("rate", options.text("rate"))
        .put("payload_bytes", options.integer("payload"))
        .put("warmup_s", options.number("warmup"))
        .put("duration_s", options.number("duration"));
  }

  private LogicalTopic subscription(int index) {
    return fanout ? LogicalTopic.prefix(customer, "call")
        : LogicalTopic.exact(customers.get(index % customers.size()), "call", "c" + index);
  }

  /** Spreads events over topics by a multiplicative hash of the sequence number. */
  private LogicalTopic eventTopic(long seq) {
    int spread = fanout ? 1000 : options.integer("subscribers");
    long mixed = (seq * 0x9E3779B97F4A7C15L) >>> 17;
    int index = Math.floorMod(mixed, spread);
    return LogicalTopic.exact(fanout ? customer : customers.get(index % customers.size()), "call",
        "c" + index);
  }

  /**
   * Waits until every expected delivery arrived, or nothing arrived for 5 s (60 s at most): the
   * loss is then reported, not waited away.
   */
  static PublishDriver.Counts drain(PublishDriver driver, Deliveries deliveries)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long lastCount = -1;
    long lastMove = System.nanoTime();
    while (true) {
      PublishDriver.Counts counts = driver.snapshot().await(10, TimeUnit.SECONDS);
      long now = System.nanoTime();
      long all = deliveries.all();
      if (counts.inFlight() == 0 && all >= counts.expected()) {
        return counts;
      }
      if (all != lastCount) {
        lastCount = all;
        lastMove = now;
      }
      if (now > deadline || now - lastMove > TimeUnit.SECONDS.toNanos(5)) {
        return counts;
      }
      Thread.sleep(20); // a measuring tool polling its own counters, not a test
    }
  }
}
