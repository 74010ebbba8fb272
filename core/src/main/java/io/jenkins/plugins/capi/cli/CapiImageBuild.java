package io.jenkins.plugins.capi.cli;

import java.util.List;
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
        exitCodeListHeading = "%nExit codes (every command):%n",
        exitCodeList = {"0:success", "1:the operation ran and failed", "2:invalid input or usage; nothing was started",
            "130:interrupted (Ctrl-C); the build was stopped"})
public final class CapiImageBuild implements Runnable {

    /** The commands, in the order the help lists them (after {@code help}). */
    private static final List<Class<?>> COMMANDS = List.of(ValidateCommand.class, RenderCommand.class,
            PlanCommand.class, PreflightCommand.class, BuildCommand.class, MetadataCommand.class, PublishCommand.class);

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
        System.exit(forArguments(System.getenv(), args).execute(args));
    }

    /** The configured command line with every command, for the tests. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, COMMANDS);
    }

    /**
     * The command line {@code args} need: only the command they start with, when they start with one. Picocli
     * models every registered command with all its options before it parses anything, and the others' models cost
     * a short command like {@code validate} a good part of its start-up. Anything else (help, --version, a typo)
     * gets every command, so help and suggestions list them all.
     */
    static CommandLine forArguments(Map<String, String> environment, String[] args) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(environment, List.of(command));
                }
            }
        }
        return commandLine(environment, COMMANDS);
    }

    private static CommandLine commandLine(Map<String, String> environment, List<Class<?>> commands) {
        CommandLine cl = new CommandLine(new CapiImageBuild(environment));
        cl.addSubcommand(new CommandLine.HelpCommand());
        commands.forEach(cl::addSubcommand);
        // after the commands are added: these settings reach only the commands registered so far
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
