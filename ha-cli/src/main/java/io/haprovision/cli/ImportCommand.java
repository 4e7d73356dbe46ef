package io.haprovision.cli;

import io.haprovision.Provisioner;
import io.haprovision.adopt.KeepalivedAdoption.Note;
import io.haprovision.adopt.KeepalivedAdoption.SecretVariable;
import io.haprovision.adopt.PairImport;
import io.haprovision.transport.HostKeyPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provision import PLATFORM --node NAME=USER@HOST[:PORT] --node ...}: reads a pair built
 * by hand, read-only, and writes a commented inventory that keeps today's behaviour. What it
 * could not express and what it chose are listed on stderr and written as comments; secrets
 * become {@code ${env:NAME}} references and the variables to set are listed (never values).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Read a pair built by hand (read-only) and write its inventory.", "For example:",
        "  provision import openwrt --node gw-a=root@192.0.2.2 --node gw-b=root@192.0.2.3 --out office.yml",
        "Then: set the variables it lists, `provision validate`, `provision plan` (what adopting would change)."})
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLATFORM", description = "The pair's platform (openwrt).")
  String platform;

  @Option(names = "--node", required = true, paramLabel = "NAME=USER@HOST[:PORT]",
      description = "A node of the pair: its name in the inventory and where to log in. Give it twice.")
  List<String> nodes = new ArrayList<>();

  @Option(names = "--pair", paramLabel = "NAME", description = "The pair's name in the inventory (default: pair).")
  String pair = "pair";

  @Option(names = "--identity", paramLabel = "FILE", description = "The private key to log in with.")
  Path identity;

  @Option(names = "--known-hosts", paramLabel = "FILE", description = "The known_hosts file (default ~/.ssh/known_hosts).")
  Path knownHosts;

  @Option(names = "--accept-new-host-keys",
      description = "Trust a host key seen for the first time (recorded in known_hosts); a changed key is always refused.")
  boolean acceptNew;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the inventory here (mode 0600) instead of stdout.")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PairImport.ImportRequest request;
    try {
      request = new PairImport.ImportRequest(platform, pair, nodes.stream().map(PairImport.ImportNode::parse).toList(),
          Optional.ofNullable(identity), Optional.ofNullable(knownHosts),
          acceptNew ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    PairImport.ImportedPair imported;
    try {
      imported = Provisioner.importPair(request, line -> {
        err.println(line);
        err.flush();
      });
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (out == null) {
      spec.commandLine().getOut().print(imported.inventory());
      spec.commandLine().getOut().flush();
    } else {
      write(out, imported.inventory());
      err.println("wrote " + out);
    }
    err.println(imported.primary() + " is the primary, " + imported.secondary() + " the secondary");
    for (SecretVariable s : imported.secrets()) {
      err.println("set " + s.variable() + ": " + s.what());
    }
    for (Note n : imported.notes()) {
      err.println("note: " + n.where() + ": " + n.text());
    }
    err.flush();
    return ExitCodes.OK;
  }

  private static void write(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".import-", ".yml",
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
