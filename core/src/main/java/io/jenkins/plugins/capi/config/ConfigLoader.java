package io.jenkins.plugins.capi.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads, overrides and validates an image config in one call; what the build, the CLI and the Jenkins plugin use.
 */
public final class ConfigLoader {

    /** The source name given to overrides when the caller does not name them. */
    public static final String OVERRIDES = "overrides";

    /** A config ready to use (when {@link #hasErrors()} is false) and everything found on the way. */
    public record LoadedConfig(ImageConfig config, List<Finding> findings) {
        public LoadedConfig {
            findings = List.copyOf(findings);
        }

        public boolean hasErrors() {
            return findings.stream().anyMatch(Finding::isError);
        }

        public List<Finding> errors() {
            return findings.stream().filter(Finding::isError).toList();
        }
    }

    private ConfigLoader() {}

    public static LoadedConfig load(Path file, Map<String, String> overrides, ValidationOptions options)
            throws IOException {
        return load(file, overrides, OVERRIDES, options);
    }

    /**
     * @param overridesSource how findings name the overrides, e.g. {@code --set} or {@code overrides}
     * @param options         null means {@link ValidationOptions#DEFAULTS}
     * @throws NoSuchFileException when {@code file} does not exist (the message names it)
     * @throws ConfigParseException when the file cannot be read as an image config at all
     */
    public static LoadedConfig load(Path file, Map<String, String> overrides, String overridesSource,
                                    ValidationOptions options) throws IOException {
        ValidationOptions checked = options == null ? ValidationOptions.DEFAULTS : options;
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "image config file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an image config file");
        }
        ParsedConfig parsed;
        try {
            parsed = new ImageConfigParser().parse(file);
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": cannot read the image config file (permission denied)", e);
        }
        ParsedConfig overridden = Overrides.apply(parsed.config(), overrides == null ? Map.of() : overrides,
                overridesSource);
        List<Finding> findings = new ArrayList<>(parsed.findings());
        findings.addAll(overridden.findings());
        findings.addAll(ImageConfigValidator.validate(overridden.config(), checked));
        // Reading order: the file's lines, then the overrides, then what concerns the file as a whole.
        String fileSource = parsed.config().source();
        findings.sort(Comparator.<Finding>comparingInt(f -> !f.location().hasLine() ? 2
                        : f.location().source().equals(fileSource) ? 0 : 1)
                .thenComparingInt(f -> f.location().line()));
        return new LoadedConfig(overridden.config(), findings);
    }
}
