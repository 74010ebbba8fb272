package io.jenkins.plugins.capi.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.capi.config.BuilderVersion;
import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ConfigLoader;
import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.ValidationOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
                "vCenter credentials count as supplied when VCENTER_USER and VCENTER_PASSWORD are set in the"
                        + " environment; RHEL credentials when RHEL_USER and RHEL_PASSWORD are."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings may be printed)", "2:the config has errors, or bad usage / missing file"})
final class ValidateCommand implements Callable<Integer> {

    enum Format { text, json }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output format: text (default) or json.")
    Format format;

    @Option(names = "--compatibility", defaultValue = "warn", paramLabel = "warn|strict|off",
            converter = CompatibilityModeConverter.class,
            description = "How versions outside the compatibility matrix are reported: warn (default), strict (error), off.")
    CompatibilityMode compatibility;

    @Option(names = "--builder-version", paramLabel = "V",
            description = "The builder release, e.g. 4.6.24 (decides whether air-gapped RHEL builds need credentials).")
    String builderVersion;

    /** The process environment; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (builderVersion != null && BuilderVersion.parse(builderVersion).isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--builder-version must be X.Y.Z, e.g. 4.6.24");
        }
        ValidationOptions options = new ValidationOptions(compatibility,
                builderVersion == null ? null : BuilderVersion.parse(builderVersion).orElseThrow().toString(),
                Credentials.vcenterSupplied(environment), Credentials.rhelSupplied(environment));
        ConfigLoader.LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configOptions.config, configOptions.overrides(cl), ConfigOptions.SET_SOURCE, options);
        } catch (NoSuchFileException e) {
            cl.getErr().println("capi-image-build: error: " + e.getFile() + ": image config file not found");
            return ExitCode.INVALID_INPUT;
        } catch (IOException e) {
            cl.getErr().println("capi-image-build: error: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        PrintWriter out = cl.getOut();
        if (format == Format.json) {
            out.println(json(loaded));
        } else {
            loaded.findings().forEach(f -> out.println(f.format()));
            out.println(summary(loaded.findings()));
        }
        out.flush();
        return loaded.hasErrors() ? ExitCode.INVALID_INPUT : ExitCode.OK;
    }

    private String json(ConfigLoader.LoadedConfig loaded) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", configOptions.config.toString());
        doc.put("valid", !loaded.hasErrors());
        doc.put("errors", loaded.findings().stream().filter(Finding::isError).count());
        doc.put("warnings", loaded.findings().stream().filter(f -> !f.isError()).count());
        doc.put("findings", loaded.findings().stream().map(ValidateCommand::toMap).toList());
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
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

    /** Accepts warn, strict and off in any case. */
    static final class CompatibilityModeConverter implements CommandLine.ITypeConverter<CompatibilityMode> {
        @Override
        public CompatibilityMode convert(String value) {
            try {
                return CompatibilityMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected warn, strict or off");
            }
        }
    }
}
