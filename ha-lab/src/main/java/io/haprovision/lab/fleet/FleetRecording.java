package io.haprovision.lab.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Real probe output of one converged pair, the material a simulated fleet answers from.
 *
 * @param source where and when it was recorded (the file's first line)
 * @param pair the recorded pair's name
 * @param syncGroup its VRRP sync group's name, or empty
 * @param subnets the /24 prefixes of the addresses its inventory names ({@code 198.19.1}),
 *     which each simulated pair gets its own copy of
 * @param nodes the two nodes, primary first
 * @param inventory the recorded pair's inventory entry and the inventory's {@code defaults},
 *     as {@code {"defaults": ..., "pair": ...}}
 */
public record FleetRecording(String source, String pair, String syncGroup, List<String> subnets,
    List<RecordedNode> nodes, JsonNode inventory) {

  /**
   * One node's facts probe as the engine sent it and the node answered.
   *
   * @param name the node's name
   * @param script the probe script (stdin of {@code command})
   * @param command the command line ({@code sh -s})
   * @param stdout what the node printed
   * @param stderr what it printed on stderr
   * @param exit its exit status
   * @param files the content of each file whose hash the probe reads, by path
   */
  public record RecordedNode(String name, String command, String script, String stdout, String stderr, int exit,
      Map<String, String> files) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the recording: a first line naming its source, then JSON. */
  public void write(Path file) throws IOException {
    Files.writeString(file, "# " + source.replace('\n', ' ') + "\n" + JSON.writeValueAsString(this) + "\n",
        StandardCharsets.UTF_8);
  }

  /** Reads a recording {@link #write} wrote. */
  public static FleetRecording read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    if (!text.startsWith("# ") || newline < 0) {
      throw new IOException(file + " is not a fleet recording: its first line must name its source (# ...)");
    }
    return JSON.readValue(text.substring(newline + 1), FleetRecording.class);
  }
}
