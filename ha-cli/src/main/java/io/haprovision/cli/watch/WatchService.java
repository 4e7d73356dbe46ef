package io.haprovision.cli.watch;

import io.haprovision.engine.PairHealth;
import io.haprovision.engine.PairWatcher;
import io.haprovision.inventory.PairSpec;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running watch: looks at every pair every {@code interval}, audits each pair every
 * {@code auditInterval} (on a thread of its own, so a slow audit never delays a look), and
 * serves the metrics over HTTP at {@code /metrics}. {@link #close()} stops it and closes every
 * session.
 */
public final class WatchService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchService.class);

  private final PairWatcher watcher;
  private final WatchMetrics metrics;
  private final HTTPServer server;
  private final ScheduledExecutorService schedule;

  private WatchService(PairWatcher watcher, WatchMetrics metrics, HTTPServer server,
      ScheduledExecutorService schedule) {
    this.watcher = watcher;
    this.metrics = metrics;
    this.server = server;
    this.schedule = schedule;
  }

  /**
   * Starts watching with {@code watcher} and serving on {@code host:port} (0: any free port).
   *
   * @param problems receives a line when a node stops answering (and when it answers again),
   *     and one per failed audit
   * @throws UncheckedIOException when the address cannot be listened on
   */
  public static WatchService start(PairWatcher watcher, String host, int port, Duration interval,
      Duration auditInterval, Consumer<String> problems) {
    WatchMetrics metrics = new WatchMetrics(watcher.pairs());
    HTTPServer server;
    try {
      server = HTTPServer.builder().hostname(host).port(port).registry(metrics.registry()).buildAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
    }
    ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "ha-provision-watch-schedule");
      t.setDaemon(true);
      return t;
    });
    WatchService service = new WatchService(watcher, metrics, server, schedule);
    schedule.scheduleWithFixedDelay(() -> service.lookOnce(problems), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    schedule.scheduleWithFixedDelay(() -> service.auditOnce(problems), 0, auditInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    return service;
  }

  /** The port the metrics are served on. */
  public int port() {
    return server.getPort();
  }

  /** The metrics. */
  public WatchMetrics metrics() {
    return metrics;
  }

  /** By pair/node: whether the last look reached it, so the log says only what changed. */
  private final java.util.Map<String, Boolean> reached = new java.util.concurrent.ConcurrentHashMap<>();

  private void lookOnce(Consumer<String> problems) {
    try {
      for (PairHealth h : watcher.look()) {
        metrics.update(h);
        for (PairHealth.NodeHealth n : h.nodes()) {
          Boolean before = reached.put(h.pair() + "/" + n.node(), n.reached());
          if (!n.reached() && !Boolean.FALSE.equals(before)) {
            problems.accept(h.pair() + "/" + n.node() + ": not reached: " + n.problem().orElse(""));
          } else if (n.reached() && Boolean.FALSE.equals(before)) {
            problems.accept(h.pair() + "/" + n.node() + ": reached again");
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("watch: a look failed", e);
      problems.accept("a look failed: " + e.getMessage());
    }
  }

  private void auditOnce(Consumer<String> problems) {
    List<PairSpec> pairs = watcher.pairs();
    for (PairSpec pair : pairs) {
      try {
        PairHealth.Audit audit = watcher.audit(pair.name());
        metrics.update(audit);
        audit.problem().ifPresent(p -> problems.accept(pair.name() + ": audit failed: " + p));
      } catch (RuntimeException e) {
        LOG.warn("watch: the audit of {} failed", pair.name(), e);
        problems.accept(pair.name() + ": audit failed: " + e.getMessage());
      }
    }
  }

  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /** Stops looking and serving; closes the sessions. Closing twice does nothing more. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    schedule.shutdownNow();
    try {
      schedule.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    watcher.close();
  }
}
