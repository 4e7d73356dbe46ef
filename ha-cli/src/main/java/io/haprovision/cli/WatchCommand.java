package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.cli.watch.WatchService;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code provision watch INVENTORY --listen ADDR:PORT}: the pairs' health as Prometheus metrics, until stopped. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Watch the pairs and serve their health as Prometheus metrics until stopped.",
        "Every --interval it reads each node's VRRP state and bound addresses over one SSH session per node"
            + " (reopened when lost); every --audit-interval it plans and verifies each pair (drift, VIPs"
            + " answering, platform checks). Metrics and alert rules: docs/operations.md, deploy/prometheus/."})
final class WatchCommand implements Callable<Integer> {
  @Mixin
  InventoryOptions options;

  @Mixin
  ParallelOption parallel;

  @Option(names = "--listen", required = true, paramLabel = "ADDR:PORT",
      description = "Where to serve /metrics, such as 127.0.0.1:9815 or [::1]:9815.")
  String listen;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s",
      description = "Time between two looks at every pair (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(names = "--audit-interval", paramLabel = "DURATION", defaultValue = "5m",
      description = "Time between two audits (plan and verify) of each pair (default: ${DEFAULT-VALUE}).")
  String auditInterval;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || colon == listen.length() - 1) {
      throw new ParameterException(spec.commandLine(), "--listen wants ADDR:PORT, such as 127.0.0.1:9815");
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "--listen: `" + listen.substring(colon + 1)
          + "` is not a port number");
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--listen: port " + port + " is outside 0..65535");
    }
    Duration every = duration("--interval", interval);
    Duration audits = duration("--audit-interval", auditInterval);
    Provisioner provisioner = options.provisioner(parallel.pairsAtOnce());
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stopped = new CountDownLatch(1);
    try (WatchService service = WatchService.start(provisioner.watch(), host, port, every, audits, line -> {
      synchronized (err) {
        err.println("watch: " + provisioner.redactor().redact(line));
        err.flush();
      }
    })) {
      err.println("watch: serving metrics of " + provisioner.validate().pairs().size() + " pair(s) on http://"
          + (host.contains(":") ? "[" + host + "]" : host) + ":" + service.port() + "/metrics (Ctrl-C stops)");
      err.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        service.close(); // SIGTERM or Ctrl-C: close the sessions before the JVM ends
        stopped.countDown();
      }));
      stopped.await();
    }
    return ExitCodes.OK;
  }

  private Duration duration(String option, String text) {
    Duration d = io.haprovision.inventory.DurationText.parse(text).orElseThrow(() -> new ParameterException(
        spec.commandLine(), option + ": `" + text + "` is not a duration such as 10s or 5m"));
    if (d.compareTo(Duration.ofMillis(500)) < 0) {
      throw new ParameterException(spec.commandLine(), option + " must be at least 500ms");
    }
    return d;
  }
}
