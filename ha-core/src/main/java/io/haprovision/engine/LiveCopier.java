package io.haprovision.engine;

import io.haprovision.engine.LiveCopy.CopiedFile;
import io.haprovision.error.TargetException;
import io.haprovision.facts.NodeFacts;
import io.haprovision.resource.Resource;
import io.haprovision.resource.ResourceId;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.Connection;
import io.haprovision.transport.ExecResult;
import io.haprovision.transport.RemoteFiles;
import io.haprovision.transport.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link LiveCopy} of one node: the files the revert of its managed resources would
 * save ({@link ResourceDriver#revert}), so exactly what a change could touch, with their modes,
 * plus the facts' states. Only reads: {@code stat} and {@code cat}.
 */
final class LiveCopier {
  private LiveCopier() {}

  static LiveCopy copy(PairContext pair, String node, NodeFacts facts) {
    Map<ResourceId, ResourceState> states = new LinkedHashMap<>();
    for (Resource r : pair.desired(node).resources()) {
      facts.state(r.id()).ifPresent(s -> states.put(r.id(), s));
    }
    if (pair.protocol.isPresent()) {
      Optional<String> configuration = pair.protocol.get()
          .configurationCopy(new NodeContext(pair.name(), node, pair.connection(node)));
      return new LiveCopy(pair.name(), node, List.of(), states, configuration);
    }
    Set<String> paths = new LinkedHashSet<>();
    for (Resource r : pair.desired(node).resources()) {
      paths.addAll(ShellSteps.revertOf(pair.drivers.of(r), r, facts.state(r.id())).files());
    }
    Connection c = pair.connection(node);
    Map<String, String> modes = modes(c, paths);
    RemoteFiles remote = new RemoteFiles(c);
    List<CopiedFile> files = new ArrayList<>();
    for (String p : paths) {
      String mode = modes.get(p);
      files.add(mode == null ? new CopiedFile(p, Optional.empty(), "0644")
          : new CopiedFile(p, remote.fetch(p), mode));
    }
    return new LiveCopy(pair.name(), node, files, states, Optional.empty());
  }

  /** The permission bits of each path that is a regular file, in one command. */
  private static Map<String, String> modes(Connection c, Set<String> paths) {
    Map<String, String> modes = new LinkedHashMap<>();
    if (paths.isEmpty()) {
      return modes;
    }
    StringBuilder s = new StringBuilder("for p in");
    paths.forEach(p -> s.append(' ').append(ShellQuote.quote(p)));
    s.append("; do [ -f \"$p\" ] && printf '%s %s\\n' \"$(stat -c %a \"$p\")\" \"$p\"; done; true");
    ExecResult r = c.exec(s.toString());
    if (!r.ok()) {
      throw new TargetException(TargetException.Kind.FAILED, c.target(),
          "reading the modes of the managed files failed: " + r.stderr().strip());
    }
    for (String line : r.stdout().split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0 && paths.contains(line.substring(space + 1))) {
        String bits = line.substring(0, space);
        modes.put(line.substring(space + 1), bits.length() < 4 ? "0".repeat(4 - bits.length()) + bits : bits);
      }
    }
    return modes;
  }
}
