package io.haprovision.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable record of one lab, {@code /run/ha-provision-lab/RUNID/state.json}:
 * enough for another process to find, use and remove the lab.
 *
 * @param version     format version (1)
 * @param runId       the run id
 * @param personality the nodes' personality
 * @param pairs       number of pairs
 * @param slot        management slot (see {@link AddressPlan})
 * @param createdAt   ISO-8601 creation time
 * @param hostLink    the host-side veth
 * @param namespaces  every network namespace of the lab
 * @param nodePids    node name to the PID of its {@code unshare} process (stop with SIGKILL)
 */
record LabState(
    int version,
    String runId,
    String personality,
    int pairs,
    int slot,
    String createdAt,
    String hostLink,
    List<String> namespaces,
    Map<String, Long> nodePids) {

  static final String FILE = "state.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  LabState {
    namespaces = List.copyOf(namespaces);
    nodePids = Map.copyOf(nodePids);
  }

  LabState withNodePids(Map<String, Long> pids) {
    return new LabState(version, runId, personality, pairs, slot, createdAt, hostLink, namespaces, pids);
  }

  /** Writes the state atomically (write, then rename), so readers never see half a file. */
  void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static LabState read(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(FILE).toFile(), LabState.class);
  }
}
