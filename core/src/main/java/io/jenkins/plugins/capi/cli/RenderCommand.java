package io.jenkins.plugins.capi.cli;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ImageConfigWriter;
import io.jenkins.plugins.capi.config.Overrides;
import io.jenkins.plugins.capi.config.ParsedConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code render}: prints the normalised imageconfig the builder would get, with every secret redacted. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Prints the imageconfig the builder would read: the documented 71-line layout, legacy"
                + " spellings normalised, --set overrides applied, and the value of every secret key (documented or"
                + " secret-looking, such as api_key) shown as <redacted>.",
                "Supplied credentials (VCENTER_USER, VCENTER_PASSWORD, RHEL_USER, RHEL_PASSWORD) take the place of"
                        + " the file's values. Problems reading the file go to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rendered", "2:the file cannot be read (syntax errors), or bad usage / missing file"})
final class RenderCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    CapiImageBuild root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    CredentialOptions credentials;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ParsedConfig parsed = config.read();
        Overrides overrides = config.overrides();
        List<Finding> findings = new ArrayList<>(parsed.findings());
        findings.addAll(overrides.findings());
        CliFindings.print(err, findings);
        if (findings.stream().anyMatch(Finding::isError)) {
            throw new CliInputException("not rendered: fix the errors above");
        }
        var rendered = overrides.applyTo(parsed.config());
        spec.commandLine().getOut().print(ImageConfigWriter.renderRedacted(rendered,
                credentials.secrets(root.environment).resolve(rendered)));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
