package io.herald.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * {@code churn}: K clients, each subscribing to a topic nobody else holds and unsubscribing as
 * soon as that is acknowledged, over and over, so every operation is new interest for the server
 * (and, in a cluster, for every other node). Reports acknowledged operations per second and the
 * subscribe-to-acknowledgement latency.
 */
final class ChurnScenario {
  private static final long MAX_MICROS = 600_000_000L;

  private final Target target;
  private final Options options;
  private final UUID customer;
  private final LongAdder operations = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final AtomicReference<String> firstRefusal = new AtomicReference<>();
  private final Recorder subscribeAck = new Recorder(MAX_MICROS, 3);
  private volatile long stopAt;

  ChurnScenario(Target target, Options options, UUID customer) {
    this.target = target;
    this.options = options;
    this.customer = customer;
  }

  Result run() throws Exception {
    int clients = options.integer("clients");
    Deliveries unused = new Deliveries(1);
    Connections.Opened opened = Connections.open(target, clients,
            options.integer("connect-concurrency"), i -> unused.inbox(), i -> topic(i, -1))
        .await(300, TimeUnit.SECONDS);
    List<Target.Subscriber> subscribers = opened.subscribers();

    phase(subscribers, options.number("warmup"));
    operations.reset();
    refused.reset();
    subscribeAck.reset();
    long start = System.nanoTime();
    ProcessStats.CpuMeter cpu = ProcessStats.CpuMeter.start(options.serverPids());
    phase(subscribers, options.number("duration"));
    double wall = (System.nanoTime() - start) / 1e9;
    ProcessStats.Cores cores = cpu.cores(wall);

    Result result = cores.addTo(new Result()
        .put("target", target.name())
        .put("scenario", "churn")
        .put("label", options.text("label"))
        .put("nodes", options.nodes("urls").size())
        .put("clients", subscribers.size())
        .put("failed_clients", opened.failed())
        .put("duration_s", options.number("duration"))
        .put("operations_per_s", Math.round(operations.sum() / wall))
        .put("refused", refused.sum())
        .put("first_refusal", firstRefusal.get())
        .latency("subscribe_ack", subscribeAck.getIntervalHistogram()));
    Future.join(subscribers.stream().map(Target.Subscriber::close).toList())
        .await(60, TimeUnit.SECONDS);
    return result;
  }

  private void phase(List<Target.Subscriber> subscribers, double seconds) throws Exception {
    stopAt = System.nanoTime() + (long) (seconds * 1e9);
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < subscribers.size(); i++) {
      Promise<Void> loop = Promise.promise();
      loops.add(loop.future());
      cycle(subscribers.get(i), i, 0, loop);
    }
    Future.join(loops).await((long) seconds + 120, TimeUnit.SECONDS);
  }

  private void cycle(Target.Subscriber subscriber, int client, long n, Promise<Void> loop) {
    if (System.nanoTime() >= stopAt) {
      loop.complete();
      return;
    }
    LogicalTopic topic = topic(client, n);
    long sent = System.nanoTime();
    subscriber.subscribe(topic)
        .compose(ack -> {
          subscribeAck.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - sent) / 1000));
          operations.increment();
          return subscriber.unsubscribe(topic);
        })
        .onComplete(done -> {
          if (done.succeeded()) {
            operations.increment();
            cycle(subscriber, client, n + 1, loop);
          } else {
            refused.increment();
            firstRefusal.compareAndSet(null, String.valueOf(done.cause().getMessage()));
            loop.complete(); // this client stops; the others go on and the refusal is reported
          }
        });
  }

  /** A topic only this client ever uses in this run; n = -1 is its parking subscription. */
  private LogicalTopic topic(int client, long n) {
    return LogicalTopic.exact(customer, "churn", client + "-" + (n < 0 ? "home" : n));
  }
}
