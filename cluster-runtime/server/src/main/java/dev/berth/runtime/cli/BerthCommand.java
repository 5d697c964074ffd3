package dev.berth.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code berth} command line: every user-facing command of Berth is a subcommand of this one. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = BerthVersion.class,
    description = "From a Jenkins pipeline to running, networked, monitored containers.",
    subcommands = {
      CommandLine.HelpCommand.class,
      BaseImagesCommand.class,
      DetectCommand.class,
      DockerfileCommand.class,
      InitCommand.class,
      JenkinsfileCommand.class,
      BuildCommand.class,
      BenchBuildCommand.class,
      UpCommand.class,
      MasterCommand.class,
      AgentCommand.class,
      ApplyCommand.class,
      GetCommand.class,
      DescribeCommand.class,
      LogsCommand.class,
      ScaleCommand.class,
      DeleteCommand.class,
      BenchStartCommand.class,
      BenchScheduleCommand.class,
      JvmSizeCommand.class,
      ExportCommand.class,
    })
public final class BerthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BerthCommand());
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
