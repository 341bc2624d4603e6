package io.herald.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The load tool's command line: {@code --name value} pairs, each with a default. */
record Options(Map<String, String> values) {
  static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("target", "herald"),
      Map.entry("scenario", "fanout"),
      Map.entry("urls", "127.0.0.1:8080"),
      Map.entry("publish-urls", ""),
      Map.entry("secret", ""),
      Map.entry("subscribers", "1000"),
      Map.entry("connections", "1000"),
      Map.entry("clients", "50"),
      Map.entry("rate", "max"),
      Map.entry("warmup", "5"),
      Map.entry("duration", "10"),
      Map.entry("payload", "300"),
      Map.entry("batch", "20"),
      Map.entry("window", "32"),
      Map.entry("publishers", "1"),
      Map.entry("customers", "1"),
      Map.entry("correctness-events", "20"),
      Map.entry("server-pids", ""),
      Map.entry("server-jvm", "false"),
      Map.entry("source-addresses", ""),
      Map.entry("connect-concurrency", "256"),
      Map.entry("threads", "2"),
      Map.entry("hold", "0"),
      Map.entry("label", ""));

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
      if (!DEFAULTS.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + args[i]
            + "; options: " + new java.util.TreeSet<>(DEFAULTS.keySet()));
      }
      values.put(name, args[i + 1]);
    }
    if (values.get("secret").isEmpty() && System.getenv("HERALD_JWT_SECRET") != null) {
      values.put("secret", System.getenv("HERALD_JWT_SECRET"));
    }
    if (values.get("publish-urls").isEmpty()) {
      values.put("publish-urls", values.get("urls"));
    }
    Options options = new Options(Map.copyOf(values));
    if (!Set.of("herald", "nats", "mosquitto").contains(options.text("target"))) {
      throw new IllegalArgumentException("--target is herald, nats or mosquitto");
    }
    if (!Set.of("fanout", "targeted", "idle", "churn").contains(options.text("scenario"))) {
      throw new IllegalArgumentException("--scenario is fanout, targeted, idle or churn");
    }
    return options;
  }

  String text(String name) {
    return values.get(name);
  }

  int integer(String name) {
    return Integer.parseInt(values.get(name));
  }

  double number(String name) {
    return Double.parseDouble(values.get(name));
  }

  /** Events per second; 0 means as fast as the server takes them ("max"). */
  double rate() {
    return "max".equals(values.get("rate")) ? 0 : number("rate");
  }

  List<Endpoints.HostPort> nodes(String name) {
    return Arrays.stream(values.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Endpoints.HostPort::parse).toList();
  }

  List<Long> serverPids() {
    List<Long> pids = new ArrayList<>();
    for (String pid : values.get("server-pids").split(",")) {
      if (!pid.isBlank()) {
        pids.add(Long.parseLong(pid.trim()));
      }
    }
    return pids;
  }
}
