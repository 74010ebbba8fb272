package io.jenkins.plugins.capi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line main builds for its arguments: only the command they name, and otherwise the same behaviour. */
class CommandLineShapeTest {

    private static final String[] ALL = {"help", "validate", "render", "plan", "preflight", "build", "metadata", "publish"};

    @Test
    void argumentsNamingACommandModelOnlyThatCommand() {
        assertThat(CapiImageBuild.forArguments(Map.of(), new String[] {"validate", "--config", "x"}).getSubcommands())
                .containsOnlyKeys("help", "validate");
        assertThat(CapiImageBuild.forArguments(Map.of(), new String[] {"--help"}).getSubcommands()).containsOnlyKeys(ALL);
        assertThat(CapiImageBuild.forArguments(Map.of(), new String[] {"validat"}).getSubcommands()).containsOnlyKeys(ALL);
        assertThat(CapiImageBuild.forArguments(Map.of(), new String[0]).getSubcommands()).containsOnlyKeys(ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "render", "plan", "preflight", "build", "metadata", "publish"})
    void aCommandAloneBehavesAsAmongAllCommands(String command) {
        // its help, and its answer to a bad option and to a missing option, are the same either way
        for (String[] args : new String[][] {{command, "--help"}, {command, "--no-such-option"}, {command}}) {
            assertThat(run(CapiImageBuild.forArguments(Map.of(), args), args))
                    .isEqualTo(run(CapiImageBuild.commandLine(Map.of()), args));
        }
    }

    private static String run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return code + "\n" + out + "\n" + err;
    }
}
