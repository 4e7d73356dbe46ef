package io.haprovision.engine.driver;

import io.haprovision.spi.RevertSteps;
import io.haprovision.resource.Ensure;
import io.haprovision.resource.LineInFile;
import io.haprovision.resource.LineState;
import io.haprovision.resource.ResourceState;
import io.haprovision.spi.NodeContext;
import io.haprovision.spi.ProbeOutput;
import io.haprovision.spi.ResourceDriver;
import io.haprovision.transport.ShellQuote;
import java.util.Optional;

/**
 * Lines in files: present when {@code grep -qxF} finds the whole line. Adding appends it
 * (after a newline if the file lacks a final one); removing drops every copy. Both write a
 * copy next to the file that keeps its mode and owner ({@code cp -p}) and rename it over
 * the file, so a reader never sees half a file.
 */
public final class LineDriver implements ResourceDriver<LineInFile> {
  @Override
  public Class<LineInFile> type() {
    return LineInFile.class;
  }

  @Override
  public String probe(LineInFile line) {
    return "f=" + ShellQuote.quote(line.path()) + "\n"
        + "[ -f \"$f\" ] || { echo state=no-file; exit 0; }\n"
        + "if grep -qxF -e " + ShellQuote.quote(line.line()) + " \"$f\"; then echo state=present;"
        + " else echo state=absent; fi\n";
  }

  @Override
  public ResourceState parse(LineInFile line, ProbeOutput out) {
    String state = out.value("state").orElseThrow(() -> out.unexpected("no state line"));
    switch (state) {
      case "present":
        return new LineState(true);
      case "absent":
      case "no-file":
        return new LineState(false);
      default:
        throw out.unexpected("unknown state " + state);
    }
  }

  @Override
  public void apply(LineInFile line, Optional<ResourceState> current, NodeContext node) {
    String f = ShellQuote.quote(line.path());
    String l = ShellQuote.quote(line.line());
    String script = "f=" + f + "\n"
        + "t=\"$f.ha-new.$$\"\n"
        + "trap 'rm -f \"$t\"' EXIT\n";
    if (line.ensure() == Ensure.PRESENT) {
      script += "if [ -f \"$f\" ]; then\n"
          + "  grep -qxF -e " + l + " \"$f\" && exit 0\n"
          + "  cp -p \"$f\" \"$t\" || exit 1\n"
          + "  if [ -s \"$t\" ] && [ -n \"$(tail -c 1 \"$t\")\" ]; then echo >> \"$t\" || exit 1; fi\n"
          + "else\n"
          + "  d=$(dirname \"$f\"); mkdir -p \"$d\" || exit 1\n"
          + "  (umask 022; : > \"$t\") || exit 1\n"
          + "fi\n"
          + "printf '%s\\n' " + l + " >> \"$t\" || exit 1\n";
    } else {
      script += "[ -f \"$f\" ] || exit 0\n"
          + "grep -qxF -e " + l + " \"$f\" || exit 0\n"
          + "cp -p \"$f\" \"$t\" || exit 1\n"
          + "grep -vxF -e " + l + " \"$f\" > \"$t\"\n"
          + "[ $? -le 1 ] || exit 1\n";
    }
    script += "sync \"$t\" 2>/dev/null || sync\n"
        + "mv -f \"$t\" \"$f\" || exit 1\n"
        + "trap - EXIT\n";
    node.run(script, (line.ensure() == Ensure.PRESENT ? "adding" : "removing") + " a line in " + line.path());
  }

  /** The whole file the line is in. */
  @Override
  public RevertSteps revert(LineInFile line, Optional<ResourceState> before) {
    return RevertSteps.files(line.path());
  }
}
