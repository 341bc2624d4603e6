package io.herald.config;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of a node, built once at start-up. The keys are the public names: the same in
 * {@code conf/config.json} and as environment variables. Defaults stand beside each field in
 * {@link #fromConfig}; a value that cannot be used stops start-up with a message naming it.
 *
 * @param httpHost HERALD_HTTP_HOST, the address the HTTP and WebSocket server binds
 * @param httpPort HERALD_HTTP_PORT; 0 picks a free port
 * @param jwtSecret HERALD_JWT_SECRET, the HS256 secret (at least 32 bytes); empty means "generate
 *     one and print demo tokens"
 * @param eventLoops HERALD_EVENT_LOOPS, how many gateway verticle instances (one per event loop)
 * @param maxMessageBytes HERALD_WS_MAX_MESSAGE_BYTES, the largest client message; larger: 1009
 * @param maxSubscriptions HERALD_MAX_SUBSCRIPTIONS, subscriptions one connection may hold
 * @param controlRate HERALD_CONTROL_RATE, client frames per second per connection
 * @param controlBurst HERALD_CONTROL_BURST, the burst allowed above that rate
 * @param publishMaxBytes HERALD_PUBLISH_MAX_BYTES, the largest publish request body; larger: 413
 * @param publishMaxEvents HERALD_PUBLISH_MAX_EVENTS, the most events in one publish request
 * @param shutdownGraceMillis HERALD_SHUTDOWN_GRACE_MS, how long closing clients get to answer
 * @param outboundQueueBytes HERALD_WS_OUTBOUND_QUEUE_BYTES, unsent bytes a connection may have
 *     queued before it is closed as a slow consumer (4008)
 * @param pingIntervalMillis HERALD_WS_PING_INTERVAL_MS, how often the server pings each client
 * @param idleTimeoutMillis HERALD_WS_IDLE_TIMEOUT_MS, silence (no pong, no frame) after which a
 *     connection is closed (4002)
 * @param maxConnections HERALD_MAX_CONNECTIONS, WebSocket connections this node accepts
 * @param maxConnectionsPerCustomer HERALD_MAX_CONNECTIONS_PER_CUSTOMER, of one customer, on
 *     this node
 * @param allowedOrigins HERALD_ALLOWED_ORIGINS, browser origins allowed to connect; empty: any
 * @param jwtPublicKeys HERALD_JWT_PUBLIC_KEYS, PEM or JWKS files of RS256/ES256 public keys
 * @param jwtClockSkewSeconds HERALD_JWT_CLOCK_SKEW_S, tolerated clock difference for nbf and iat
 * @param jwtKeysReloadMillis HERALD_JWT_KEYS_RELOAD_MS, how often the key files are read again; 0
 *     never
 * @param logFormat HERALD_LOG_FORMAT, {@code text} or {@code json} (one object per line)
 * @param history the HERALD_HISTORY_* settings
 * @param cluster the HERALD_CLUSTER_* settings
 */
public record Settings(
    String httpHost,
    int httpPort,
    Optional<String> jwtSecret,
    int eventLoops,
    int maxMessageBytes,
    int maxSubscriptions,
    int controlRate,
    int controlBurst,
    int publishMaxBytes,
    int publishMaxEvents,
    int shutdownGraceMillis,
    int outboundQueueBytes,
    int pingIntervalMillis,
    int idleTimeoutMillis,
    int maxConnections,
    int maxConnectionsPerCustomer,
    List<String> allowedOrigins,
    List<String> jwtPublicKeys,
    int jwtClockSkewSeconds,
    int jwtKeysReloadMillis,
    LogFormat logFormat,
    HistorySettings history,
    ClusterSettings cluster) {

  public static final int MIN_SECRET_BYTES = 32;

  /** How log lines are written. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  public Settings {
    allowedOrigins = List.copyOf(allowedOrigins);
    jwtPublicKeys = List.copyOf(jwtPublicKeys);
    if (jwtSecret.isPresent()
        && jwtSecret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new SettingsException(
          "HERALD_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes long");
    }
    if (idleTimeoutMillis <= pingIntervalMillis) {
      throw new SettingsException("HERALD_WS_IDLE_TIMEOUT_MS must be longer than"
          + " HERALD_WS_PING_INTERVAL_MS, or every connection would time out between two pings");
    }
    if (cluster.enabled() && jwtSecret.isEmpty() && jwtPublicKeys.isEmpty()) {
      throw new SettingsException("HERALD_CLUSTER=true needs HERALD_JWT_SECRET (or"
          + " HERALD_JWT_PUBLIC_KEYS), the same on every node: a generated demo secret would differ"
          + " between nodes");
    }
  }

  /** Reads the settings from merged configuration (file, then -conf, then environment). */
  public static Settings fromConfig(JsonObject config) {
    return fromConfig(new Reader(config));
  }

  private static Settings fromConfig(Reader read) {
    return new Settings(
        read.string("HERALD_HTTP_HOST", "0.0.0.0"),
        read.integer("HERALD_HTTP_PORT", 8080, 0, 65535),
        Optional.ofNullable(read.string("HERALD_JWT_SECRET", null)).filter(s -> !s.isEmpty()),
        read.integer("HERALD_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 1024),
        read.integer("HERALD_WS_MAX_MESSAGE_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
        read.integer("HERALD_MAX_SUBSCRIPTIONS", 1000, 1, 1_000_000),
        read.integer("HERALD_CONTROL_RATE", 50, 1, 1_000_000),
        read.integer("HERALD_CONTROL_BURST", 100, 1, 1_000_000),
        read.integer("HERALD_PUBLISH_MAX_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024),
        read.integer("HERALD_PUBLISH_MAX_EVENTS", 1000, 1, 1_000_000),
        read.integer("HERALD_SHUTDOWN_GRACE_MS", 5000, 0, 60_000),
        read.integer("HERALD_WS_OUTBOUND_QUEUE_BYTES", 1024 * 1024, 4096, 256 * 1024 * 1024),
        read.integer("HERALD_WS_PING_INTERVAL_MS", 10_000, 100, 3_600_000),
        read.integer("HERALD_WS_IDLE_TIMEOUT_MS", 60_000, 200, 86_400_000),
        read.integer("HERALD_MAX_CONNECTIONS", 100_000, 1, 10_000_000),
        read.integer("HERALD_MAX_CONNECTIONS_PER_CUSTOMER", 10_000, 1, 10_000_000),
        read.list("HERALD_ALLOWED_ORIGINS"),
        read.list("HERALD_JWT_PUBLIC_KEYS"),
        read.integer("HERALD_JWT_CLOCK_SKEW_S", 30, 0, 600),
        read.integer("HERALD_JWT_KEYS_RELOAD_MS", 60_000, 0, 86_400_000),
        read.choice("HERALD_LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
        new HistorySettings(
            read.bool("HERALD_HISTORY_ENABLED", false),
            read.integer("HERALD_HISTORY_SIZE", 1000, 1, 1_000_000),
            read.integer("HERALD_HISTORY_TTL", 300, 1, 7 * 24 * 3600)),
        new ClusterSettings(
            read.bool("HERALD_CLUSTER", false),
            read.string("HERALD_CLUSTER_HOST", "127.0.0.1"),
            read.integer("HERALD_CLUSTER_PORT", 5701, 1, 65535),
            read.members("HERALD_CLUSTER_MEMBERS"),
            read.string("HERALD_CLUSTER_NAME", "herald"),
            read.string("HERALD_CLUSTER_CONFIG", "conf/cluster.xml"),
            read.choice("HERALD_CLUSTER_INTEREST", ClusterSettings.InterestGranularity.class,
                ClusterSettings.InterestGranularity.EXACT),
            read.integer("HERALD_CLUSTER_ANTI_ENTROPY_MS", 5000, 100, 3_600_000),
            read.integer("HERALD_CLUSTER_REMOVAL_GRACE_MS", 2000, 0, 600_000)));
  }

  /** Every setting name Herald reads: what deployment files may set. */
  public static java.util.Set<String> knownKeys() {
    Reader reader = new Reader(new JsonObject());
    fromConfig(reader);
    return java.util.Set.copyOf(reader.seen);
  }

  /** Defaults everywhere. */
  public static Settings defaults() {
    return fromConfig(new JsonObject());
  }

  /** No key of any kind configured: the node generates a secret and prints demo tokens. */
  public boolean demoMode() {
    return jwtSecret.isEmpty() && jwtPublicKeys.isEmpty();
  }

  /** The same settings with {@code count} event loops ({@code -instances} on the command line). */
  public Settings withEventLoops(int count) {
    return new Settings(httpHost, httpPort, jwtSecret, count, maxMessageBytes,
        maxSubscriptions, controlRate, controlBurst, publishMaxBytes, publishMaxEvents,
        shutdownGraceMillis, outboundQueueBytes, pingIntervalMillis, idleTimeoutMillis,
        maxConnections, maxConnectionsPerCustomer, allowedOrigins, jwtPublicKeys,
        jwtClockSkewSeconds, jwtKeysReloadMillis, logFormat, history, cluster);
  }

  /** The same settings with a secret: the one a demo node generated for itself. */
  public Settings withJwtSecret(String secret) {
    return new Settings(httpHost, httpPort, Optional.of(secret), eventLoops, maxMessageBytes,
        maxSubscriptions, controlRate, controlBurst, publishMaxBytes, publishMaxEvents,
        shutdownGraceMillis, outboundQueueBytes, pingIntervalMillis, idleTimeoutMillis,
        maxConnections, maxConnectionsPerCustomer, allowedOrigins, jwtPublicKeys,
        jwtClockSkewSeconds, jwtKeysReloadMillis, logFormat, history, cluster);
  }

  /** Typed reads that accept a JSON value or its text (environment variables are text). */
  private record Reader(JsonObject config, java.util.Set<String> seen) {
    Reader(JsonObject config) {
      this(config, new java.util.HashSet<>());
    }

    String string(String key, String fallback) {
      seen.add(key);
      Object value = config.getValue(key);
      if (value == null) {
        return fallback;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        return value.toString().trim();
      }
      throw new SettingsException(key + " must be a string");
    }

    boolean bool(String key, boolean fallback) {
      seen.add(key);
      Object value = config.getValue(key);
      if (value == null) {
        return fallback;
      }
      String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new SettingsException(key + " must be true or false, got '" + value + "'");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
      String text = string(key, null);
      if (text == null) {
        return fallback;
      }
      for (E option : type.getEnumConstants()) {
        if (option.name().equalsIgnoreCase(text)) {
          return option;
        }
      }
      throw new SettingsException(key + " must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
          + ", got '" + text + "'");
    }

    /** Comma-separated values, trimmed, empty ones dropped. */
    java.util.List<String> list(String key) {
      java.util.List<String> values = new java.util.ArrayList<>();
      for (String part : string(key, "").split(",")) {
        if (!part.trim().isEmpty()) {
          values.add(part.trim());
        }
      }
      return values;
    }

    /** Comma-separated {@code host:port} entries; port ranges are refused (Hazelcast would). */
    java.util.List<String> members(String key) {
      java.util.List<String> members = new java.util.ArrayList<>();
      for (String member : list(key)) {
        int colon = member.lastIndexOf(':');
        boolean validPort = colon > 0 && colon < member.length() - 1
            && member.substring(colon + 1).chars().allMatch(Character::isDigit)
            && member.length() - colon - 1 <= 5
            && Integer.parseInt(member.substring(colon + 1)) <= 65535;
        if (!validPort) {
          throw new SettingsException(
              key + " entries must be host:port (no port ranges), got '" + member + "'");
        }
        members.add(member);
      }
      return members;
    }

    int integer(String key, int fallback, int min, int max) {
      seen.add(key);
      Object value = config.getValue(key);
      if (value == null) {
        return fallback;
      }
      long parsed;
      try {
        parsed = value instanceof Number number && number.doubleValue() == number.longValue()
            ? number.longValue()
            : Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new SettingsException(key + " must be an integer, got '" + value + "'");
      }
      if (parsed < min || parsed > max) {
        throw new SettingsException(
            key + " must be between " + min + " and " + max + ", got " + parsed);
      }
      return (int) parsed;
    }
  }
}
