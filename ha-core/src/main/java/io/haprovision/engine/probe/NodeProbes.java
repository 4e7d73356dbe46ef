package io.haprovision.engine.probe;

import io.haprovision.spi.KeepalivedControl;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.transport.ShellQuote;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The probes every keepalived node gets, whatever its resources: what system it is, the
 * keepalived process, the addresses bound on its interfaces and keepalived's state dump.
 * Each is a {@link ProbeSection} for {@link Framing} plus the parser of its output.
 */
public final class NodeProbes {
  /** Section id of {@link #system()}. */
  public static final String SYSTEM = "sys";
  /** Section id of {@link #keepalived()}. */
  public static final String KEEPALIVED = "keepalived";
  /** Section id of {@link #addresses()}. */
  public static final String ADDRESSES = "addr";
  /** Section id of {@link #stateDump(KeepalivedControl)}. */
  public static final String STATE_DUMP = "dump";

  /** Exit status of the dump section when keepalived does not run. */
  static final int DUMP_NOT_RUNNING = 3;

  private NodeProbes() {}

  /**
   * Shell functions the node sections share: {@code ha_kapid} prints the pid of keepalived's
   * parent process and where it was found (a pid file whose process is really keepalived, else
   * the lowest pid {@code pidof} gives), or nothing.
   */
  public static String preamble(KeepalivedControl control) {
    String files = control.pidFiles().stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    // Shell builtins only where a program is not needed: on a small router every program
    // started costs milliseconds, and a probe runs on every node of every run.
    return "ha_kapid() {\n"
        + "  for f in " + files + "; do\n"
        + "    if [ -r \"$f\" ]; then\n"
        + "      p=; read -r p < \"$f\" 2>/dev/null\n"
        + "      c=; [ -n \"$p\" ] && [ -r \"/proc/$p/comm\" ] && read -r c < \"/proc/$p/comm\" 2>/dev/null\n"
        + "      if [ \"$c\" = keepalived ]; then\n"
        + "        echo \"$p $f\"; return 0\n"
        + "      fi\n"
        + "    fi\n"
        + "  done\n"
        + "  p=$(pidof keepalived 2>/dev/null | tr ' ' '\\n' | sort -n | head -n 1)\n"
        + "  [ -n \"$p\" ] && echo \"$p pidof\"\n"
        + "  return 0\n"
        + "}\n";
  }

  /**
   * {@link #preamble(KeepalivedControl)} for scripts with the keepalived sections: also looks
   * keepalived up once for all of them ({@code ha_kabin} the binary, {@code ha_kasig} its JSON
   * signal, {@code ha_ka} what {@code ha_kapid} prints).
   */
  public static String keepalivedPreamble(KeepalivedControl control) {
    return preamble(control)
        + "ha_kabin=$(command -v keepalived 2>/dev/null)\n"
        + "ha_kasig=\n"
        + "[ -n \"$ha_kabin\" ] && ha_kasig=$(\"$ha_kabin\" --signum=JSON 2>/dev/null)\n"
        + "ha_ka=$(ha_kapid)\n"
        + control.drainFile().map(d -> "ha_kadrain=\nif [ -r " + ShellQuote.quote(d.path())
            + " ]; then { read -r ha_kadrain || true; } < " + ShellQuote.quote(d.path()) + "; fi\n").orElse("");
  }

  /** OS, package manager, init system, kernel and host name, as {@code key=value} lines. */
  public static ProbeSection system() {
    return new ProbeSection(SYSTEM, ""
        + "if [ -r /etc/openwrt_release ]; then\n"
        + "  . /etc/openwrt_release\n"
        + "  echo \"os=openwrt\"; echo \"os_version=${DISTRIB_RELEASE:-}\"; echo \"os_name=${DISTRIB_DESCRIPTION:-}\"\n"
        + "elif [ -r /etc/os-release ]; then\n"
        + "  . /etc/os-release\n"
        + "  echo \"os=${ID:-linux}\"; echo \"os_version=${VERSION_ID:-}\"; echo \"os_name=${PRETTY_NAME:-}\"\n"
        + "else\n"
        + "  echo \"os=unknown\"\n"
        + "fi\n"
        + "m=none\n"
        + "for c in opkg apk dpkg-query; do\n"
        + "  if command -v \"$c\" >/dev/null 2>&1; then m=$c; break; fi\n"
        + "done\n"
        + "echo \"package_manager=$m\"\n"
        + "if [ -f /etc/rc.common ]; then echo \"init=procd\";\n"
        + "elif command -v systemctl >/dev/null 2>&1; then echo \"init=systemd\";\n"
        + "else echo \"init=sysv\"; fi\n"
        + "k=; [ -r /proc/sys/kernel/osrelease ] && read -r k < /proc/sys/kernel/osrelease\n"
        + "[ -n \"$k\" ] || k=$(uname -r)\n"
        + "h=; [ -r /proc/sys/kernel/hostname ] && read -r h < /proc/sys/kernel/hostname\n"
        + "[ -n \"$h\" ] || h=$(uname -n)\n"
        + "echo \"kernel=$k\"\n"
        + "echo \"hostname=$h\"\n");
  }

  /**
   * The keepalived binary, its version and JSON signal, the running parent process and, where
   * {@code control} names a drain file, the number in it. Runs after
   * {@link #keepalivedPreamble(KeepalivedControl)} with the same control.
   */
  public static ProbeSection keepalived(KeepalivedControl control) {
    return new ProbeSection(KEEPALIVED, ""
        + "b=$ha_kabin\n"
        + "echo \"binary=$b\"\n"
        + "if [ -n \"$b\" ]; then\n"
        + "  v=$(\"$b\" --version 2>&1)\n"
        + "  nl='\n'\n"
        + "  echo \"version=${v%%\"$nl\"*}\"\n"
        + "  echo \"json_signal=$ha_kasig\"\n"
        + "fi\n"
        + "set -- $ha_ka\n"
        + (control.drainFile().isPresent() ? "echo \"drain=$ha_kadrain\"\n" : "")
        + "echo \"pid=${1:-}\"\n"
        + "echo \"pid_source=${2:-}\"\n"
        + "cl=\n"
        + "if [ -n \"${1:-}\" ]; then cl=$(tr '\\0' ' ' < \"/proc/$1/cmdline\" 2>/dev/null); echo \"cmdline=$cl\"; fi\n"
        // Which instances of the file keepalived was started with send unicast (the JSON dump
        // does not say): "instance NAME" per instance, "unicast NAME" for each with unicast_peer.
        + "if [ -n \"${1:-}\" ]; then\n"
        + "  c=/etc/keepalived/keepalived.conf\n"
        + "  set -- $cl\n"
        + "  while [ $# -gt 0 ]; do\n"
        + "    case \"$1\" in -f|--use-file) c=\"${2:-}\"; shift ;; --use-file=*) c=\"${1#*=}\" ;; esac\n"
        + "    shift\n"
        + "  done\n"
        + "  [ -r \"$c\" ] && awk '/^[ \\t]*vrrp_instance[ \\t]/ { i = $2; print \"instance=\" i }"
        + " /^[ \\t]*unicast_peer/ { if (i != \"\") print \"unicast=\" i }' \"$c\" 2>/dev/null\n"
        + "fi\n"
        + "exit 0\n");
  }

  /** Every address on every interface: {@code ip -o addr show}. */
  public static ProbeSection addresses() {
    return new ProbeSection(ADDRESSES, "ip -o addr show\n");
  }

  /**
   * keepalived's state dump: JSON when the build has it ({@code keepalived --signum=JSON}
   * prints a number), else the SIGUSR1 text dump. Removes the old file, signals the parent,
   * waits until the new file exists and stops growing (about 2 s at most; 3 s where
   * {@code sleep} takes whole seconds only), then prints {@code format=json|data}, a
   * {@code --} line and the file. Exits 3 when keepalived does
   * not run, 4 when the signal fails, 5 when no file appears.
   */
  public static ProbeSection stateDump(KeepalivedControl control) {
    return new ProbeSection(STATE_DUMP, ""
        + "set -- $ha_ka\n"
        + "[ -n \"${1:-}\" ] || { echo \"keepalived is not running\"; exit " + DUMP_NOT_RUNNING + "; }\n"
        + "s=$ha_kasig\n"
        + "case \"$s\" in ''|*[!0-9]*) s= ;; esac\n"
        + "if [ -n \"$s\" ]; then f=" + ShellQuote.quote(control.jsonFile()) + "; fmt=json;"
        + " else s=USR1; f=" + ShellQuote.quote(control.dataFile()) + "; fmt=data; fi\n"
        + "rm -f \"$f\"\n"
        + "kill -\"$s\" \"$1\" || exit 4\n"
        + "if sleep 0.02 2>/dev/null; then d=0.02; n=100; else d=1; n=3; fi\n"
        + "i=0\n"
        + "while [ \"$i\" -lt \"$n\" ]; do\n"
        + "  if [ -s \"$f\" ]; then\n"
        + "    a=$(wc -c < \"$f\"); sleep \"$d\"; b=$(wc -c < \"$f\")\n"
        + "    [ \"$a\" = \"$b\" ] && break\n"
        + "  else\n"
        + "    sleep \"$d\"\n"
        + "  fi\n"
        + "  i=$((i + 1))\n"
        + "done\n"
        + "[ -s \"$f\" ] || { echo \"keepalived wrote no $f\"; exit 5; }\n"
        + "echo \"format=$fmt\"\n"
        + "echo \"--\"\n"
        + "cat \"$f\"\n");
  }

  /** Parses {@link #system()}. */
  public static SystemInfo parseSystem(ProbeOutput out) {
    Map<String, String> kv = out.keyValues();
    if (!kv.containsKey("package_manager")) {
      throw out.unexpected("no package_manager line");
    }
    return new SystemInfo(kv.getOrDefault("os", "unknown"), kv.getOrDefault("os_version", ""),
        kv.getOrDefault("os_name", ""), kv.get("package_manager"), kv.getOrDefault("init", "sysv"),
        kv.getOrDefault("kernel", ""), kv.getOrDefault("hostname", ""));
  }

  /** Parses {@link #keepalived()}. */
  public static KeepalivedProcess parseKeepalived(ProbeOutput out) {
    Map<String, String> kv = out.keyValues();
    if (!kv.containsKey("binary") || !kv.containsKey("pid")) {
      throw out.unexpected("no binary= or pid= line");
    }
    String signal = kv.getOrDefault("json_signal", "").trim();
    String pid = kv.get("pid").trim();
    if (!pid.isEmpty() && !pid.matches("[0-9]+")) {
      throw out.unexpected("pid '" + pid + "' is not a number");
    }
    return new KeepalivedProcess(kv.get("binary").trim(), kv.getOrDefault("version", "").trim(),
        signal.matches("[0-9]{1,3}") ? OptionalInt.of(Integer.parseInt(signal)) : OptionalInt.empty(),
        pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)),
        kv.getOrDefault("pid_source", "").trim(), kv.getOrDefault("cmdline", "").trim(), unicastOf(out.stdout()),
        drainOf(kv.getOrDefault("drain", "").trim()));
  }

  /** The drain file's number; anything else (missing, empty, text) is no value. */
  private static OptionalInt drainOf(String value) {
    return value.matches("-?[0-9]{1,6}") ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
  }

  private static Map<String, Boolean> unicastOf(String stdout) {
    Map<String, Boolean> out = new java.util.LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("instance=") && !line.substring(9).isBlank()) {
        out.putIfAbsent(line.substring(9).strip(), false);
      } else if (line.startsWith("unicast=") && out.containsKey(line.substring(8).strip())) {
        out.put(line.substring(8).strip(), true);
      }
    }
    return out;
  }

  /** Parses {@link #addresses()}; a failed {@code ip} gives an empty table. */
  public static AddressTable parseAddresses(ProbeOutput out) {
    return out.exitCode() == 0 ? AddressTable.parse(out.stdout()) : AddressTable.empty();
  }

  /**
   * What the dump section gave: the dump, or why there is none.
   *
   * @param dump the parsed dump, empty when keepalived does not run or the dump failed
   * @param problem why a running keepalived gave no readable dump; empty otherwise
   */
  public record DumpResult(Optional<StateDump> dump, Optional<String> problem) {}

  /** Parses {@link #stateDump(KeepalivedControl)}. */
  public static DumpResult parseStateDump(ProbeOutput out) {
    if (out.exitCode() == DUMP_NOT_RUNNING) {
      return new DumpResult(Optional.empty(), Optional.empty());
    }
    if (out.exitCode() != 0) {
      String why = out.stdout().isBlank() ? out.stderr().strip() : out.stdout().strip();
      return new DumpResult(Optional.empty(), Optional.of("keepalived's state dump failed (exit "
          + out.exitCode() + "): " + why));
    }
    String text = out.stdout();
    int sep = text.indexOf("\n--\n");
    if (!text.startsWith("format=") || sep < 0) {
      return new DumpResult(Optional.empty(), Optional.of("keepalived's state dump has no format header"));
    }
    String format = text.substring("format=".length(), sep).trim();
    String body = text.substring(sep + 4);
    try {
      StateDump dump = format.equals("json") ? StateDump.parseJson(body) : StateDump.parseData(body);
      return new DumpResult(Optional.of(dump), Optional.empty());
    } catch (IllegalArgumentException e) {
      return new DumpResult(Optional.empty(), Optional.of("keepalived's " + format
          + " state dump could not be read: " + e.getMessage()));
    }
  }
}
