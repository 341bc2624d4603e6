package io.herald.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Builds {@link Settings} from, in rising precedence: {@code conf/config.json} (if present), the
 * verticle's own configuration ({@code -conf} on the command line), and {@code HERALD_*}
 * environment variables.
 */
public final class SettingsLoader {
  public static final String DEFAULT_FILE = "conf/config.json";

  private SettingsLoader() {}

  public static Future<Settings> load(Vertx vertx, JsonObject verticleConfig) {
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions()
            .setScanPeriod(0)
            .addStore(
                new ConfigStoreOptions()
                    .setType("file")
                    .setOptional(true)
                    .setConfig(new JsonObject().put("path", DEFAULT_FILE)))
            .addStore(new ConfigStoreOptions().setType("json").setConfig(verticleConfig))
            .addStore(
                new ConfigStoreOptions()
                    .setType("env")
                    .setConfig(new JsonObject().put("raw-data", true)));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever
        .getConfig()
        .map(Settings::fromConfig)
        .onComplete(done -> retriever.close());
  }
}
