package io.jenkins.plugins.capi.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code capi-image-build}: the command-line front end of the core library. */
@Command(
        name = "capi-image-build",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Validates image configs, runs Spectro Cloud's CAPI Image Builder container and reports the"
                + " template it built.",
        subcommands = {CommandLine.HelpCommand.class, ValidateCommand.class, RenderCommand.class, PlanCommand.class,
            PreflightCommand.class, BuildCommand.class, MetadataCommand.class, PublishCommand.class},
        exitCodeListHeading = "%nExit codes (every command):%n",
        exitCodeList = {"0:success", "1:the operation ran and failed", "2:invalid input or usage; nothing was started",
            "130:interrupted (Ctrl-C); the build was stopped"})
public final class CapiImageBuild implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The one place commands read environment variables from (credentials, DOCKER_HOST); tests give their own. */
    final Map<String, String> environment;

    CapiImageBuild(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        // Library chatter (docker-java's callback stack traces, httpclient's retry notes) is not for the user:
        // every failure reaches them as one line of ours. CAPI_DEBUG=1 shows it again.
        if (!"1".equals(System.getenv("CAPI_DEBUG"))) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            System.setProperty("org.slf4j.simpleLogger.log.com.github.dockerjava", "off");
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.hc", "off");
        }
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine(Map<String, String> environment) {
        CommandLine cl = new CommandLine(new CapiImageBuild(environment));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new SafeExceptionHandler());
        cl.setParameterExceptionHandler(new SafeParameterExceptionHandler());
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
