package io.herald.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Herald's load tool: runs one scenario (fanout, targeted, idle, churn) against Herald, NATS or
 * Mosquitto, bounded in time, and prints one {@code RESULT} JSON line plus a summary. Exit code 0
 * when the run's correctness pass held, 1 when it did not, 2 for a usage error.
 * Run it with scripts/loadtest.sh; options and defaults are in {@link Options}.
 */
public final class LoadTest {
  private LoadTest() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Result result = run(options);
    result.print();
    System.exit("FAIL".equals(result.get("correctness")) ? 1 : 0);
  }

  /** Runs the scenario the options name on its own Vert.x instance, which it closes again. */
  static Result run(Options options) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.integer("threads")));
    Vertx publishing = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      UUID customer = UUID.randomUUID();
      int connections = Math.max(options.integer("subscribers"), options.integer("connections"));
      Endpoints endpoints = new Endpoints(vertx, publishing, options.nodes("urls"),
          options.nodes("publish-urls"),
          Endpoints.addresses(options.text("source-addresses")), connections + 100);
      Target target = switch (options.text("target")) {
        case "nats" -> new NatsTarget(endpoints, options.integer("payload"));
        case "mosquitto" -> new MosquittoTarget(endpoints, options.integer("payload"));
        default -> new HeraldTarget(publishing, endpoints, options.text("secret"), customer,
            options.integer("payload"), options.integer("customers") > 1);
      };
      return switch (options.text("scenario")) {
        case "idle" -> new IdleScenario(publishing, target, options, customer).run();
        case "churn" -> new ChurnScenario(target, options, customer).run();
        default -> new DeliveryScenario(publishing, target, options, customer).run();
      };
    } finally {
      vertx.close().await(60, TimeUnit.SECONDS);
      publishing.close().await(60, TimeUnit.SECONDS);
    }
  }
}
