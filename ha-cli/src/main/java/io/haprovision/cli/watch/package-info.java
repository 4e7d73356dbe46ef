/**
 * {@code provision watch}: the pairs' health as Prometheus metrics. {@link
 * io.haprovision.cli.watch.WatchService} looks at every pair on an interval through the core's
 * {@link io.haprovision.engine.PairWatcher} and audits each (drift, checks) less often;
 * {@link io.haprovision.cli.watch.WatchMetrics} turns what it saw into metrics, served by the
 * Prometheus Java client's HTTP server. Labels are {@code pair}, {@code instance} and
 * {@code node}; no secret is ever a label or a value.
 */
package io.haprovision.cli.watch;
