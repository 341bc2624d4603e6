package io.herald;

import io.herald.cluster.HazelcastConfigFactory;
import io.herald.config.ClusterSettings;
import io.herald.config.Settings;
import io.herald.config.SettingsLoader;
import io.herald.ops.HeraldMetrics;
import io.herald.ops.JsonLogFormatter;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The jar's entry point: Vert.x's own launcher (all its flags work), with hooks that read
 * Herald's settings first and, when HERALD_CLUSTER is true (or {@code -cluster} is given),
 * build the Hazelcast cluster manager from them.
 */
public final class HeraldMain implements VertxApplicationHooks {
  private final Settings settings;
  private final HeraldMetrics metrics = HeraldMetrics.create();
  /** {@code -instances N}, read before deployment; 0 when not given. */
  private volatile int instances;

  private HeraldMain(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    List<String> launcherArgs = new ArrayList<>(List.of(args));
    Settings settings;
    try {
      settings = readSettings(launcherArgs);
    } catch (RuntimeException e) {
      System.err.println("Herald cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (settings.logFormat() == Settings.LogFormat.JSON) {
      JsonLogFormatter.install(ProcessHandle.current().pid() + "@" + hostName());
    }
    if (settings.cluster().enabled() && !launcherArgs.contains("-cluster")
        && !launcherArgs.contains("--cluster") && !launcherArgs.contains("-c")) {
      launcherArgs.add(0, "-cluster");
    }
    new VertxApplication(launcherArgs.toArray(String[]::new), new HeraldMain(settings)).launch();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** conf/config.json, then -conf, then the environment; {@code -cluster} implies HERALD_CLUSTER. */
  private static Settings readSettings(List<String> args) throws Exception {
    JsonObject conf = new JsonObject();
    for (int i = 0; i < args.size() - 1; i++) {
      if (args.get(i).equals("-conf") || args.get(i).equals("--conf")) {
        String value = args.get(i + 1);
        Path file = Path.of(value);
        conf = Files.isRegularFile(file) ? new JsonObject(Files.readString(file)) : new JsonObject(value);
      }
    }
    if (args.contains("-cluster") || args.contains("--cluster") || args.contains("-c")) {
      conf.put("HERALD_CLUSTER", true);
    }
    // vertx-config needs a Vert.x instance; this short-lived one exists only to read settings.
    Vertx reader = Vertx.vertx();
    try {
      return SettingsLoader.load(reader, conf).await(30, TimeUnit.SECONDS);
    } finally {
      reader.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    ClusterSettings cluster = settings.cluster();
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(metrics.vertxMetrics());
    if (!cluster.enabled()) {
      return builder;
    }
    options.getEventBusOptions().setHost(cluster.host()).setClusterPublicHost(cluster.host());
    return builder
        .withClusterManager(new HazelcastClusterManager(HazelcastConfigFactory.build(cluster)));
  }

  /**
   * {@code -instances N} means N event loops: Herald's main verticle deploys one gateway verticle
   * per event loop itself, so it is deployed once, with the count passed on.
   */
  @Override
  public void beforeDeployingVerticle(HookContext context) {
    int requested = context.deploymentOptions().getInstances();
    if (requested > 1) {
      instances = requested;
      context.deploymentOptions().setInstances(1);
    }
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return () -> new HeraldVerticle(instances > 0 ? settings.withEventLoops(instances) : settings, metrics);
  }
}
