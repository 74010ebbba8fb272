package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfigParser;
import io.jenkins.plugins.capi.config.ImageConfigWriter;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.ParsedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code render}: prints the normalised imageconfig the builder would get, with every secret redacted. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Prints the imageconfig the builder would read: the documented 71-line layout, legacy"
                + " spellings normalised, --set overrides applied, and every secret shown as <redacted>.",
                "Credentials from VCENTER_USER, VCENTER_PASSWORD, RHEL_USER and RHEL_PASSWORD take the place of the"
                        + " file's values. Problems reading the file go to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rendered", "2:the file cannot be read (syntax errors), or bad usage / missing file"})
final class RenderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Map<String, String> overrides = configOptions.overrides(cl);
        ParsedConfig parsed;
        try {
            if (!Files.exists(configOptions.config)) {
                throw new NoSuchFileException(configOptions.config.toString());
            }
            parsed = new ImageConfigParser().parse(configOptions.config);
        } catch (NoSuchFileException e) {
            cl.getErr().println("capi-image-build: error: " + configOptions.config + ": image config file not found");
            return ExitCode.INVALID_INPUT;
        } catch (IOException e) {
            cl.getErr().println("capi-image-build: error: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        ParsedConfig overridden = Overrides.apply(parsed.config(), overrides, ConfigOptions.SET_SOURCE);
        List<Finding> findings = new ArrayList<>(parsed.findings());
        findings.addAll(overridden.findings());
        findings.forEach(f -> cl.getErr().println(f.format()));
        if (findings.stream().anyMatch(Finding::isError)) {
            cl.getErr().println("capi-image-build: error: not rendered: fix the errors above");
            return ExitCode.INVALID_INPUT;
        }
        cl.getOut().print(ImageConfigWriter.renderRedacted(overridden.config(), Credentials.fromEnvironment(environment)));
        cl.getOut().flush();
        return ExitCode.OK;
    }
}
