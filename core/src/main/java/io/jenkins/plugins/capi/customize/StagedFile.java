package io.jenkins.plugins.capi.customize;

import java.util.Arrays;

/**
 * A file this tool puts into the output folder for one run: the bytes that were checked (not re-read later, so what
 * runs is what was checked), where it goes and whether it is executable.
 *
 * @param relativePath below the output folder, with '/' separators, e.g. {@code custom_scripts/pre/01-proxy.sh}
 * @param origin       what it is made from, for messages (a path, "rewritten from …")
 */
public record StagedFile(String relativePath, byte[] content, boolean executable, String origin) {

    public StagedFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StagedFile f && relativePath.equals(f.relativePath) && Arrays.equals(content, f.content)
                && executable == f.executable && origin.equals(f.origin);
    }

    @Override
    public int hashCode() {
        return relativePath.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return relativePath + " (" + content.length + " bytes" + (executable ? ", executable" : "") + ", from " + origin + ")";
    }
}
