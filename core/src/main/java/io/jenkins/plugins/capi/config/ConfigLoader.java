package io.jenkins.plugins.capi.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads, overrides and validates an image config; what the build, the CLI and the Jenkins plugin use, so all of them
 * read a file the same way.
 */
public final class ConfigLoader {

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

    /**
     * The file as the parser reads it, with its line findings.
     *
     * @throws ConfigReadException when the file is missing, a directory, unreadable, too large or not an imageconfig
     */
    public static ParsedConfig read(Path file) throws ConfigReadException {
        if (!Files.exists(file)) {
            throw new ConfigReadException(file, "the imageconfig file does not exist; check the path", null);
        }
        if (Files.isDirectory(file)) {
            throw new ConfigReadException(file, "is a directory; give the path of the imageconfig file in it", null);
        }
        try {
            return new ImageConfigParser().parse(file);
        } catch (ConfigParseException e) {
            throw new ConfigReadException(file, e.reason(), e);
        } catch (AccessDeniedException e) {
            throw new ConfigReadException(file, "cannot be read (permission denied); give the user running the build"
                    + " read access", e);
        } catch (NoSuchFileException e) {
            throw new ConfigReadException(file, "the imageconfig file does not exist; check the path", e);
        } catch (IOException e) {
            throw new ConfigReadException(file, "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The file with {@code overrides} applied, not validated: for a front end's questions before the build. */
    public static ImageConfig read(Path file, Overrides overrides) throws ConfigReadException {
        return overrides.applyTo(read(file).config());
    }

    /**
     * @param options null means {@link ValidationOptions#DEFAULTS}
     * @throws ConfigReadException when the file cannot be read as an image config at all
     */
    public static LoadedConfig load(Path file, Overrides overrides, ValidationOptions options)
            throws ConfigReadException {
        ValidationOptions checked = options == null ? ValidationOptions.DEFAULTS : options;
        ParsedConfig parsed = read(file);
        ImageConfig config = overrides.applyTo(parsed.config());
        List<Finding> findings = new ArrayList<>(parsed.findings());
        findings.addAll(overrides.findings());
        findings.addAll(ImageConfigValidator.validate(config, checked));
        // Reading order: the file's lines, then the overrides, then what concerns the file as a whole.
        String fileSource = parsed.config().source();
        findings.sort(Comparator.<Finding>comparingInt(f -> !f.location().hasLine() ? 2
                        : f.location().source().equals(fileSource) ? 0 : 1)
                .thenComparingInt(f -> f.location().line()));
        return new LoadedConfig(config, findings);
    }
}
