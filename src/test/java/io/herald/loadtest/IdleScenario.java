package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code idle}: C connections, one exact subscription each, then nothing. Reports how long they
 * took to open and what they cost the server: RSS per connection, and for a JVM server the heap in
 * use after a full GC per connection. Then a correctness pass: events to random ones of those
 * topics must each arrive exactly once.
 */
final class IdleScenario {
  private final Vertx vertx;
  private final Target target;
  private final Options options;
  private final UUID customer;

  IdleScenario(Vertx vertx, Target target, Options options, UUID customer) {
    this.vertx = vertx;
    this.target = target;
    this.options = options;
    this.customer = customer;
  }

  Result run() throws Exception {
    int count = options.integer("connections");
    List<Long> pids = options.serverPids();
    boolean jvm = Boolean.parseBoolean(options.text("server-jvm")) && !pids.isEmpty();
    long heapBefore = jvm ? ProcessStats.heapUsedAfterGcBytes(pids) : 0;
    long rssBefore = pids.isEmpty() ? 0 : ProcessStats.rssBytes(pids);
    Deliveries deliveries = new Deliveries(1);
    long start = System.nanoTime();
    Connections.Opened opened = Connections.open(target, count,
            options.integer("connect-concurrency"), i -> deliveries.inbox(), this::topic)
        .await(900, TimeUnit.SECONDS);
    double openSeconds = (System.nanoTime() - start) / 1e9;
    long heapAfter = jvm ? ProcessStats.heapUsedAfterGcBytes(pids) : 0;
    long rssAfter = pids.isEmpty() ? 0 : ProcessStats.rssBytes(pids);
    int open = opened.subscribers().size();

    Result result = new Result()
        .put("target", target.name())
        .put("scenario", "idle")
        .put("label", options.text("label"))
        .put("connections", count)
        .put("opened", open)
        .put("failed", opened.failed())
        .put("first_failure", opened.firstFailure())
        .put("open_seconds", Result.round(openSeconds, 2))
        .put("opened_per_s", Math.round(open / openSeconds));
    if (!pids.isEmpty()) {
      result.put("server_rss_before_mib", mib(rssBefore))
          .put("server_rss_after_mib", mib(rssAfter))
          .put("rss_per_connection_kib", Result.round((rssAfter - rssBefore) / 1024.0 / open, 2));
    }
    if (jvm) {
      result.put("server_heap_before_mib", mib(heapBefore))
          .put("server_heap_after_mib", mib(heapAfter))
          .put("heap_per_connection_kib",
              Result.round((heapAfter - heapBefore) / 1024.0 / open, 2));
    }

    Target.Publisher publisher = target.publisher(0).await(60, TimeUnit.SECONDS);
    PublishDriver driver = new PublishDriver(vertx, List.of(publisher),
        seq -> topic(Math.floorMod((seq * 0x9E3779B97F4A7C15L) >>> 17, count)), 1, deliveries,
        1, 1);
    driver.run(100, 60, options.integer("correctness-events")).await(120, TimeUnit.SECONDS);
    PublishDriver.Counts counts = DeliveryScenario.drain(driver, deliveries);
    boolean correct = opened.failed() == 0 && counts.expected() == deliveries.all()
        && deliveries.outOfOrder() == 0 && deliveries.disconnects() == 0;
    result.put("correctness_expected", counts.expected())
        .put("correctness_delivered", deliveries.all())
        .put("correctness", correct ? "pass" : "FAIL");
    if (options.number("hold") > 0) {
      // Keeps the connections open for a look at the server (a heap histogram, say).
      System.out.printf("holding %d connections for %s s%n", open, options.text("hold"));
      Thread.sleep((long) (options.number("hold") * 1000));
    }
    Future.join(opened.subscribers().stream().map(Target.Subscriber::close).toList())
        .await(120, TimeUnit.SECONDS);
    return result;
  }

  private LogicalTopic topic(long index) {
    return LogicalTopic.exact(customer, "call", "c" + index);
  }

  private static double mib(long bytes) {
    return Result.round(bytes / 1048576.0, 1);
  }
}
