package io.herald.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time and memory of the processes in a run, read from /proc (servers) and from the JVM
 * (this load generator), so a result says which side was the bottleneck.
 */
final class ProcessStats {
  /** /proc/PID/stat counts in clock ticks; USER_HZ is 100 on Linux x86_64 and arm64. */
  private static final long NANOS_PER_TICK = TimeUnit.SECONDS.toNanos(1) / 100;
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private ProcessStats() {}

  /** CPU used by the generator and the servers from {@link #start} to {@link #cores}. */
  record CpuMeter(List<Long> serverPids, long generatorNanos, long serverNanos) {
    static CpuMeter start(List<Long> serverPids) {
      return new CpuMeter(serverPids, generatorCpuNanos(), serverCpuNanos(serverPids));
    }

    /** Cores used on average over the {@code wallSeconds} since the start, read now. */
    Cores cores(double wallSeconds) {
      return new Cores((generatorCpuNanos() - generatorNanos) / 1e9 / wallSeconds,
          serverPids.isEmpty() ? null
              : (serverCpuNanos(serverPids) - serverNanos) / 1e9 / wallSeconds);
    }
  }

  /** @param server null when no server process was given */
  record Cores(double generator, Double server) {
    Result addTo(Result result) {
      return result.put("generator_cpu_cores", Result.round(generator, 2))
          .put("server_cpu_cores", server == null ? null : Result.round(server, 2));
    }
  }

  static long generatorCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** User plus system CPU of all the given processes; 0 when none are given. */
  static long serverCpuNanos(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }
    return total;
  }

  static long rssBytes(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
        if (line.startsWith("VmRSS:")) {
          total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    }
    return total;
  }

  /** Heap in use after a full GC, asked of each server JVM through jcmd. */
  static long heapUsedAfterGcBytes(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      jcmd(pid, "GC.run");
      Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
      if (!used.find()) {
        throw new IllegalStateException("jcmd GC.heap_info printed no heap for " + pid);
      }
      total += Long.parseLong(used.group(1)) * 1024;
    }
    return total;
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
          .redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("jcmd " + command + " did not finish");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("jcmd failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
