package io.herald.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load tool at a tiny scale against a real node: each scenario runs its correctness pass (and
 * a short measurement), and a run the server refuses is reported as a failure, not as zeros.
 */
class LoadToolTest {
  private static TestNode node;

  @BeforeAll
  static void start() {
    // Churn is a stream of control frames: above the default 50/s per connection it would
    // measure the rate limiter (which the tool reports, see the last test).
    node = TestNode.start(config -> config.put("HERALD_CONTROL_RATE", 100_000)
        .put("HERALD_CONTROL_BURST", 100_000));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Result run(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--target", "herald",
        "--urls", "127.0.0.1:" + node.port(), "--secret", TestNode.SECRET,
        "--server-pids", Long.toString(ProcessHandle.current().pid()),
        "--threads", "1", "--warmup", "0.2"));
    args.addAll(List.of(extra));
    return LoadTest.run(Options.parse(args.toArray(String[]::new)));
  }

  @Test
  void fanoutCorrectnessPassDeliversEveryEventToEverySubscriber() throws Exception {
    Result result = run("--scenario", "fanout", "--subscribers", "20", "--duration", "0",
        "--correctness-events", "30");

    assertThat(result.get("correctness")).isEqualTo("pass");
    assertThat(result.get("correctness_expected")).isEqualTo(600L);
    assertThat(result.get("correctness_delivered")).isEqualTo(600L);
  }

  @Test
  void targetedMeasurementCountsEveryDeliveryWithItsLatency() throws Exception {
    Result result = run("--scenario", "targeted", "--subscribers", "20", "--duration", "1",
        "--rate", "200", "--correctness-events", "10");

    assertThat(result.get("correctness")).isEqualTo("pass");
    long expected = (Long) result.get("expected");
    assertThat(expected).isGreaterThan(100);
    assertThat(result.get("delivered")).isEqualTo(expected);
    assertThat(result.get("lost")).isEqualTo(0L);
    assertThat(result.get("out_of_order")).isEqualTo(0L);
    assertThat(result.get("latency_samples")).isEqualTo(expected);
    assertThat((Double) result.get("server_cpu_cores")).isPositive();
  }

  @Test
  void targetedOverSeveralCustomersDeliversEachSubscriberItsOwnTopic() throws Exception {
    Result result = run("--scenario", "targeted", "--subscribers", "12", "--customers", "4",
        "--duration", "1", "--rate", "200", "--correctness-events", "12");

    assertThat(result.get("correctness")).isEqualTo("pass");
    assertThat(result.get("delivered")).isEqualTo(result.get("expected"));
    assertThat(result.get("out_of_order")).isEqualTo(0L);
  }

  @Test
  void fanoutAtMaxRateLosesNothing() throws Exception {
    Result result = run("--scenario", "fanout", "--subscribers", "10", "--duration", "1",
        "--rate", "max", "--window", "8", "--batch", "4", "--correctness-events", "5");

    assertThat(result.get("correctness")).isEqualTo("pass");
    assertThat((Long) result.get("delivered")).isPositive().isEqualTo(result.get("expected"));
    assertThat(result.get("delivered_ratio")).isEqualTo(1.0);
  }

  @Test
  void churnAcknowledgesEverySubscribeAndUnsubscribe() throws Exception {
    Result result = run("--scenario", "churn", "--clients", "3", "--duration", "1");

    assertThat((Long) result.get("operations_per_s")).isPositive();
    assertThat(result.get("refused")).isEqualTo(0L);
    assertThat((Long) result.get("subscribe_ack_samples")).isPositive();
  }

  @Test
  void idleConnectionsFromSeveralSourceAddressesAllReceiveTheirEvents() throws Exception {
    Result result = run("--scenario", "idle", "--connections", "30",
        "--source-addresses", "127.0.0.2-127.0.0.4", "--correctness-events", "20");

    assertThat(result.get("opened")).isEqualTo(30);
    assertThat(result.get("failed")).isEqualTo(0);
    assertThat(result.get("correctness")).isEqualTo("pass");
    assertThat(result.get("correctness_delivered")).isEqualTo(20L);
  }

  @Test
  void eventsTheServerRefusesFailTheCorrectnessPass() throws Exception {
    Result result = run("--scenario", "fanout", "--subscribers", "3", "--duration", "1",
        "--correctness-events", "5", "--payload", "1100000"); // over the 1 MiB publish limit: 413

    assertThat(result.get("correctness")).isEqualTo("FAIL");
  }

  @Test
  void churnReportsRefusedOperations() throws Exception {
    try (TestNode strict = TestNode.start(config -> config.put("HERALD_CONTROL_RATE", 5)
        .put("HERALD_CONTROL_BURST", 5))) {
      Result result = LoadTest.run(Options.parse(new String[] {"--target", "herald",
          "--urls", "127.0.0.1:" + strict.port(), "--secret", TestNode.SECRET, "--threads", "1",
          "--scenario", "churn", "--clients", "2", "--warmup", "0", "--duration", "1"}));

      assertThat((Long) result.get("refused")).isPositive();
      assertThat((String) result.get("first_refusal")).contains("RATE_LIMITED");
    }
  }
}
