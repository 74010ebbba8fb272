package io.jenkins.plugins.capi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capi-image-build}: the command-line front end of the core library. */
@Command(
        name = "capi-image-build",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Validates image configs, runs Spectro Cloud's CAPI Image Builder container and reports the template it built.",
        subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, RenderCommand.class, PlanCommand.class, PreflightCommand.class, BuildCommand.class, MetadataCommand.class, PublishCommand.class},
        exitCodeOnInvalidInput = ExitCode.INVALID_INPUT,
        exitCodeOnExecutionException = ExitCode.FAILED)
public final class CapiImageBuild implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (!BuildCommand.aborting() && !PublishCommand.aborting()) {
            System.exit(code);
        }
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CapiImageBuild());
        cl.setExecutionExceptionHandler(new SafeExceptionHandler());
        cl.setParameterExceptionHandler(new SafeParameterExceptionHandler());
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
