package io.haprovision.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provision completion bash}: the shell completion script picocli generates from the commands. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for provision.",
        "Bash or zsh: source <(java -jar provision.jar completion bash), with `provision` an alias or wrapper"
            + " of java -jar provision.jar."})
final class CompletionCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash (zsh reads it too), default bash.")
  String shell;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "no completion for shell '" + shell + "'; bash and zsh are supported");
    }
    spec.commandLine().getOut().print(AutoComplete.bash("provision", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
