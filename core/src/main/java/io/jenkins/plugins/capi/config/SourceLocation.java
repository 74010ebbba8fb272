package io.jenkins.plugins.capi.config;

/**
 * Where a value or a finding comes from: a file (or a pseudo-source such as {@code --set} or
 * {@code overrides}), a 1-based line and a 1-based column. Line 0 means "not tied to a line".
 */
public record SourceLocation(String source, int line, int column) {

    public static SourceLocation of(String source) {
        return new SourceLocation(source, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    @Override
    public String toString() {
        if (!hasLine()) {
            return source;
        }
        return column > 0 ? source + ":" + line + ":" + column : source + ":" + line;
    }
}
