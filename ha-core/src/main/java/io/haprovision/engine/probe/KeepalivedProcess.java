package io.haprovision.engine.probe;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * keepalived on a node: whether its binary is there, which version, and the running parent
 * process if any.
 *
 * @param binary path of the keepalived binary, empty when not installed
 * @param version the first line of {@code keepalived --version}, empty when unknown
 * @param jsonSignal the signal that makes it write its JSON state dump
 *     ({@code keepalived --signum=JSON}), absent on builds without JSON
 * @param pid the parent process's id, absent when not running
 * @param pidSource where the pid came from: a pid file path, or {@code pidof}
 * @param cmdline the running process's command line, empty when not running
 * @param unicast per instance of the configuration file the running daemon was started with,
 *     whether it has {@code unicast_peer}s; empty when not running or the file is not readable
 * @param drainValue the number in the platform's drain file
 *     ({@link io.haprovision.keepalived.DrainFile}), absent without one, when missing or not a number
 */
public record KeepalivedProcess(
    String binary, String version, OptionalInt jsonSignal, OptionalLong pid, String pidSource, String cmdline,
    java.util.Map<String, Boolean> unicast, OptionalInt drainValue) {
  /** Rejects nulls. */
  public KeepalivedProcess {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(jsonSignal, "jsonSignal");
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(pidSource, "pidSource");
    Objects.requireNonNull(cmdline, "cmdline");
    unicast = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unicast));
    Objects.requireNonNull(drainValue, "drainValue");
  }

  /** A process read without a drain file. */
  public KeepalivedProcess(String binary, String version, OptionalInt jsonSignal, OptionalLong pid, String pidSource,
      String cmdline, java.util.Map<String, Boolean> unicast) {
    this(binary, version, jsonSignal, pid, pidSource, cmdline, unicast, OptionalInt.empty());
  }

  /**
   * Whether the node is drained on purpose: its drain file holds a value that keeps every
   * instance in FAULT. Holds whether or not keepalived runs (it starts drained).
   */
  public boolean drained() {
    return io.haprovision.keepalived.DrainFile.drained(drainValue);
  }

  /** A process whose configuration file was not read. */
  public KeepalivedProcess(String binary, String version, OptionalInt jsonSignal, OptionalLong pid, String pidSource,
      String cmdline) {
    this(binary, version, jsonSignal, pid, pidSource, cmdline, java.util.Map.of());
  }

  /** Whether instance {@code name} sends unicast, when its configuration file says. */
  public Optional<Boolean> unicastOf(String name) {
    return Optional.ofNullable(unicast.get(name));
  }

  /** Not installed, not running. */
  public static KeepalivedProcess absent() {
    return new KeepalivedProcess("", "", OptionalInt.empty(), OptionalLong.empty(), "", "");
  }

  /** The binary is there. */
  public boolean installed() {
    return !binary.isEmpty();
  }

  /** A keepalived process runs. */
  public boolean running() {
    return pid.isPresent();
  }

  /** The configuration file the running daemon was started with ({@code -f FILE}), if it says. */
  public Optional<String> configFile() {
    String[] words = cmdline.trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      if ((words[i].equals("-f") || words[i].equals("--use-file")) && i + 1 < words.length) {
        return Optional.of(words[i + 1]);
      }
      if (words[i].startsWith("--use-file=")) {
        return Optional.of(words[i].substring("--use-file=".length()));
      }
    }
    return Optional.empty();
  }
}
