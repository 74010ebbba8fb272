package io.jenkins.plugins.capi.customize;

import io.jenkins.plugins.capi.config.Finding;
import io.jenkins.plugins.capi.config.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the builder needs of a custom script: a readable, non-empty {@code .sh} text file whose first line starts Bash,
 * with Unix line ends. The builder copies the scripts into the image and runs them there with Bash, so a script that
 * fails one of these fails inside the VM, late in the build; checked here before anything starts.
 */
final class BashScript {

    /** Scripts are small; this bounds what is read to check one. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** {@code #!/bin/bash}, {@code #!/usr/bin/bash}, {@code #!/usr/bin/env bash}, optionally with arguments. */
    private static final Pattern BASH_SHEBANG = Pattern.compile(
            "#!\\s*(/usr)?/bin/bash(\\s.*)?|#!\\s*(/usr)?/bin/env\\s+(-S\\s+)?bash(\\s.*)?");

    private BashScript() {}

    /**
     * A script as read and checked.
     *
     * @param content  the bytes that were checked, or null when the file could not be read
     * @param findings every problem, each at the file (and line) it is about
     */
    record Inspection(byte[] content, List<Finding> findings) {
        boolean ok() {
            return content != null && findings.stream().noneMatch(Finding::isError);
        }
    }

    static Inspection inspect(Path file) {
        List<Finding> out = new ArrayList<>();
        SourceLocation at = SourceLocation.of(file.toString());
        String name = file.getFileName().toString();
        if (!name.endsWith(".sh")) {
            out.add(Finding.error(at, "custom script " + name + " is not a .sh file; the builder takes Bash scripts"
                    + " named *.sh", "rename it to " + stem(name) + ".sh"));
        }
        if (!Files.isRegularFile(file)) {
            out.add(Finding.error(at, "custom script " + file + " is not a regular file",
                    "give a script file, not a folder or a device"));
            return new Inspection(null, out);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            out.add(Finding.error(at, "custom script " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + ")", "make it readable by the user this tool runs as (chmod u+r " + name + ")"));
            return new Inspection(null, out);
        }
        if (bytes.length > MAX_BYTES) {
            out.add(Finding.error(at, "custom script " + name + " is larger than " + MAX_BYTES / (1024 * 1024)
                    + " MiB; that is not a script", "give the script; let it download large payloads itself"));
            return new Inspection(null, out);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            out.add(Finding.error(at, "custom script " + name + " is empty", "add the commands it should run, or"
                    + " leave it out"));
            return new Inspection(bytes, out);
        }
        if (text.indexOf('\0') >= 0) {
            out.add(Finding.error(at, "custom script " + name + " contains NUL bytes; it is not a text file",
                    "give the Bash script itself, not a binary"));
            return new Inspection(bytes, out);
        }
        if (text.startsWith("\uFEFF")) {
            out.add(Finding.error(new SourceLocation(file.toString(), 1, 1), "custom script " + name
                    + " starts with a UTF-8 byte-order mark, so the '#!' line is not seen and Bash is not started",
                    "save it as UTF-8 without BOM"));
            text = text.substring(1);
        }
        String first = text.lines().findFirst().orElse("").replace("\r", "");
        if (!BASH_SHEBANG.matcher(first).matches()) {
            String why = first.startsWith("#!") ? "starts " + first.strip() + " instead of Bash"
                    : "has no '#!' line";
            out.add(Finding.error(new SourceLocation(file.toString(), 1, 1), "custom script " + name + " " + why
                    + "; the builder runs custom scripts with Bash", "make its first line #!/bin/bash"));
        }
        int firstCrlf = -1;
        int crlfLines = 0;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (i > 0 && text.charAt(i - 1) == '\r') {
                    crlfLines++;
                    if (firstCrlf < 0) {
                        firstCrlf = line;
                    }
                }
                line++;
            }
        }
        if (crlfLines > 0) {
            out.add(Finding.error(new SourceLocation(file.toString(), firstCrlf, 0), "custom script " + name
                    + " has Windows (CRLF) line ends on " + crlfLines + (crlfLines == 1 ? " line" : " lines")
                    + "; Bash in the image reads the CR as part of each command ($'\\r': command not found)",
                    "save it with Unix (LF) line ends, e.g. sed -i 's/\\r$//' " + name
                            + ", and set 'git config core.autocrlf input' or a .gitattributes rule '*.sh text eol=lf'"));
        }
        return new Inspection(bytes, out);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
