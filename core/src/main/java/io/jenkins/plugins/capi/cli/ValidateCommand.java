package io.jenkins.plugins.capi.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.capi.Json;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.container.ImageReference;
import io.jenkins.plugins.capi.imagebuild.ImageBuild;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code validate}: checks an image config and prints every finding; exit 2 when there is an error. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks an imageconfig file (and --set overrides) against the documented rules and the"
                + " compatibility matrix, and prints every finding as FILE:LINE: error|warning: message (hint: ...).",
                "Credentials count as supplied when they would be for build: VCENTER_USER, VCENTER_PASSWORD (or"
                        + " --vcenter-user, --vcenter-password-file), RHEL_USER, RHEL_PASSWORD."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings may be printed)", "2:the config has errors, or bad usage / missing file"})
final class ValidateCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.ParentCommand
    CapiImageBuild root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    CompatibilityOptions compatibility;

    @Mixin
    ImageOption image;

    @Mixin
    CredentialOptions credentials;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: text (default) or json.")
    Format format;

    @Override
    public Integer call() {
        ImageReference.problem(image.image).ifPresent(p -> {
            throw new CliInputException("--image: " + p);
        });
        ConfigLoader.LoadedConfig loaded = config.load(ImageBuild.validationOptions(
                compatibility.compatibility, image.image, credentials.secrets(root.environment)));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(json(loaded));
        } else {
            CliFindings.print(out, loaded.findings());
            out.println(summary(loaded.findings()));
        }
        out.flush();
        return loaded.hasErrors() ? ExitCode.INVALID_INPUT : ExitCode.OK;
    }

    private String json(ConfigLoader.LoadedConfig loaded) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", config.config.toString());
        doc.put("valid", !loaded.hasErrors());
        doc.put("errors", loaded.findings().stream().filter(Finding::isError).count());
        doc.put("warnings", loaded.findings().stream().filter(f -> !f.isError()).count());
        doc.put("findings", loaded.findings().stream().map(ValidateCommand::toMap).toList());
        try {
            return Json.mapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> toMap(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().label());
        m.put("key", f.key());
        m.put("source", f.location().source());
        m.put("line", f.location().line());
        m.put("column", f.location().column());
        m.put("message", f.message());
        m.put("hint", f.hint());
        m.put("suggestion", f.suggestion());
        m.put("option", f.setting() == null ? null : CliFindings.words(f.setting()));
        return m;
    }

    static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(Finding::isError).count();
        long warnings = findings.size() - errors;
        if (findings.isEmpty()) {
            return "OK: no problems found";
        }
        return (errors == 0 ? "OK: " : "FAILED: ") + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning" : " warnings");
    }
}
