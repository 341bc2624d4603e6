package io.herald.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One scenario's figures: printed as a single {@code RESULT {json}} line (what scripts collect)
 * followed by the same figures for a reader.
 */
final class Result {
  private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99, 100};

  private final Map<String, Object> fields = new LinkedHashMap<>();

  Result put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  /** p50/p99/p99.9/max in milliseconds, and the percentile curve for charts. */
  Result latency(String prefix, Histogram micros) {
    put(prefix + "_samples", micros.getTotalCount());
    put(prefix + "_p50_ms", ms(micros.getValueAtPercentile(50)));
    put(prefix + "_p99_ms", ms(micros.getValueAtPercentile(99)));
    put(prefix + "_p999_ms", ms(micros.getValueAtPercentile(99.9)));
    put(prefix + "_max_ms", ms(micros.getMaxValue()));
    JsonObject curve = new JsonObject();
    for (double percentile : PERCENTILES) {
      curve.put(Double.toString(percentile), ms(micros.getValueAtPercentile(percentile)));
    }
    put(prefix + "_percentiles_ms", curve);
    return this;
  }

  Object get(String name) {
    return fields.get(name);
  }

  static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  void print() {
    System.out.println("RESULT " + new JsonObject(fields).encode());
    fields.forEach((name, value) -> {
      if (!(value instanceof JsonObject)) {
        System.out.printf("  %-28s %s%n", name, value);
      }
    });
  }
}
