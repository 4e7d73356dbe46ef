package io.haprovision.openwrt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs generated shell scripts in a scratch directory whose {@code bin/} holds stub
 * commands that record each call (name and arguments, one line) into {@code calls.log}
 * and fail on request, so tests assert exactly what a script would run on a router.
 */
final class ShellRunner {
  private final Path dir;
  private final Path bin;

  /** Outcome of one run. */
  record Result(int exitCode, String stdout, String stderr) {}

  ShellRunner(Path dir) throws IOException {
    this.dir = dir;
    this.bin = Files.createDirectories(dir.resolve("bin"));
  }

  Path dir() {
    return dir;
  }

  /** Puts a recording stub named {@code name} into {@code folder}. */
  Path stub(Path folder, String name) throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(name);
    String label = folder.equals(bin) ? name : file.toString();
    Files.writeString(file, """
        #!/bin/sh
        line="%s $*"
        echo "$line" >> "$CALLS"
        if [ -n "${FAIL_ON:-}" ] && [ "$line" = "$FAIL_ON" ]; then
          exit 3
        fi
        exit 0
        """.formatted(label), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Puts recording stubs with these names on the PATH the scripts see. */
  void stubs(String... names) throws IOException {
    for (String n : names) {
      stub(bin, n);
    }
  }

  /** Writes {@code content} as an executable script under the scratch dir. */
  Path script(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Runs {@code sh SCRIPT args...} with the stubs first on PATH; {@code failOn} makes that call exit 3. */
  Result run(Path script, String failOn, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
    command.addAll(List.of(args));
    return exec(command, failOn);
  }

  /** {@code sh -n SCRIPT}: parses without running. */
  Result syntaxCheck(Path script) throws IOException, InterruptedException {
    return exec(List.of("/bin/sh", "-n", script.toString()), null);
  }

  private Result exec(List<String> command, String failOn) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("CALLS", dir.resolve("calls.log").toString());
    if (failOn != null) {
      env.put("FAIL_ON", failOn);
    } else {
      env.remove("FAIL_ON");
    }
    pb.redirectOutput(dir.resolve("stdout").toFile());
    pb.redirectError(dir.resolve("stderr").toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("script did not finish in 60 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
  }

  /** Every recorded call since the last {@link #clearCalls()}, in order. */
  List<String> calls() throws IOException {
    Path log = dir.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The recorded calls except the logger's. */
  List<String> actions() throws IOException {
    return calls().stream().filter(c -> !c.startsWith("logger ")).toList();
  }

  /** The logger calls' messages. */
  List<String> logged() throws IOException {
    return calls().stream().filter(c -> c.startsWith("logger ")).toList();
  }

  void clearCalls() throws IOException {
    Files.deleteIfExists(dir.resolve("calls.log"));
  }
}
