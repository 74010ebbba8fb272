package io.jenkins.plugins.capi.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code imageconfig} file: {@code key=value} lines in the style of shell variables, {@code #} comment
 * lines, blank lines, single and double quotes, CRLF line ends and a UTF-8 byte-order mark. An unquoted value runs
 * to the end of the line ({@code vcenter_network=VM Network}); a {@code #} after a blank starts a comment.
 *
 * <p>Every problem becomes a {@link Finding} with file, line and column, so a user sees all of them at once.
 * Only a file that is not an image config at all (far too large, or hundreds of broken lines) raises
 * {@link ConfigParseException}; nothing else is thrown. No finding quotes a value, so secrets cannot leak through
 * them.
 */
public final class ImageConfigParser {

    /** Longest line accepted; the longest real value (a URL or a path) is far shorter. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** Largest file accepted; the template is about 2 KiB. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** More broken lines than this means the file is not an image config. */
    static final int MAX_ERRORS = 100;

    /** Reads {@code file}; a missing file raises {@link java.nio.file.NoSuchFileException}. */
    public ParsedConfig parse(Path file) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw tooLarge(source, size);
        }
        return parse(source, Files.readAllBytes(file));
    }

    /** Reads {@code content}; {@code sourceName} is used in every location. */
    public ParsedConfig parse(String sourceName, byte[] content) throws ConfigParseException {
        if (content.length > MAX_FILE_BYTES) {
            throw tooLarge(sourceName, content.length);
        }
        return new Run(sourceName).read(content);
    }

    private static ConfigParseException tooLarge(String source, long size) {
        return new ConfigParseException(SourceLocation.of(source),
                "file is " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + " an image config may have; is this the right file?");
    }

    /** The state of one read: entries so far, findings so far, where each key was first set. */
    private static final class Run {
        private final String source;
        private final Map<String, ImageConfig.Entry> entries = new LinkedHashMap<>();
        private final Map<String, Integer> firstLine = new HashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private int errors;

        Run(String source) {
            this.source = source;
        }

        ParsedConfig read(byte[] content) throws ConfigParseException {
            int start = hasBom(content) ? 3 : 0;
            int lineNo = 0;
            while (start <= content.length) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                lineNo++;
                int contentEnd = end > start && content[end - 1] == '\r' ? end - 1 : end;
                readLine(content, start, contentEnd, lineNo);
                if (errors > MAX_ERRORS) {
                    throw new ConfigParseException(SourceLocation.of(source), "more than " + MAX_ERRORS
                            + " lines could not be read; this does not look like an imageconfig file");
                }
                start = end + 1;
            }
            return new ParsedConfig(new ImageConfig(source, entries), findings);
        }

        private static boolean hasBom(byte[] c) {
            return c.length >= 3 && (c[0] & 0xff) == 0xEF && (c[1] & 0xff) == 0xBB && (c[2] & 0xff) == 0xBF;
        }

        private void readLine(byte[] content, int start, int end, int lineNo) {
            int length = end - start;
            if (length > MAX_LINE_BYTES) {
                error(null, lineNo, 1, "line is " + length + " bytes long, more than the " + MAX_LINE_BYTES
                        + " allowed", "an imageconfig line holds one short key=value pair; check the file");
                return;
            }
            for (int i = start; i < end; i++) {
                if (content[i] == 0) {
                    error(null, lineNo, i - start + 1, "line contains a NUL byte",
                            "save the file as plain UTF-8 text");
                    return;
                }
                if (content[i] == '\r') {
                    error(null, lineNo, i - start + 1, "line contains a carriage return that is not part of a CRLF line end",
                            "save the file with LF or CRLF line ends");
                    return;
                }
            }
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(content, start, length);
            CharBuffer out = CharBuffer.allocate(length);
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                result = decoder.flush(out);
            }
            if (result.isError()) {
                error(null, lineNo, in.position() - start + 1, "line is not valid UTF-8 (byte " + (in.position() - start + 1) + ")",
                        "save the file as UTF-8 text");
                return;
            }
            out.flip();
            new LineReader(out.toString(), lineNo).read();
        }

        /** Reads one decoded line. */
        private final class LineReader {
            private final String text;
            private final int lineNo;
            private int pos;

            LineReader(String text, int lineNo) {
                this.text = text;
                this.lineNo = lineNo;
            }

            void read() {
                skipBlanks();
                if (pos == text.length() || text.charAt(pos) == '#') {
                    return;
                }
                int keyColumn = pos + 1;
                String key = readKeyWord();
                if (key.equals("export") && pos < text.length() && isBlank(text.charAt(pos))) {
                    skipBlanks();
                    warning(null, lineNo, keyColumn, "`export` before the key is ignored",
                            "write the line as key=value");
                    keyColumn = pos + 1;
                    key = readKeyWord();
                }
                int afterKey = pos;
                skipBlanks();
                if (pos == text.length() || text.charAt(pos) != '=') {
                    if (key.isEmpty() || text.indexOf('=', pos) < 0) {
                        error(null, lineNo, keyColumn, "line is not a key=value pair",
                                "write key=value, or start the line with # to make it a comment");
                    } else {
                        error(null, lineNo, afterKey + 1, "unexpected space in the key",
                                "a key is one word such as image_name; write key=value");
                    }
                    return;
                }
                if (key.isEmpty()) {
                    error(null, lineNo, keyColumn, "key is missing before '='", "write key=value");
                    return;
                }
                int bad = invalidKeyCharacter(key);
                if (bad >= 0) {
                    error(null, lineNo, keyColumn + bad, "invalid character " + describe(key.charAt(bad))
                            + " in key", "keys are made of letters, digits and underscores, e.g. k8s_version");
                    return;
                }
                if (afterKey < pos) {
                    warning(key, lineNo, afterKey + 1, "space before '='", "write " + key + "=value without spaces");
                }
                pos++; // '='
                if (pos < text.length() && isBlank(text.charAt(pos))) {
                    int blankColumn = pos + 1;
                    skipBlanks();
                    if (pos < text.length() && text.charAt(pos) != '#') {
                        warning(key, lineNo, blankColumn, "space after '='; the value is read without it",
                                "write " + key + "=value without spaces, and quote a value that contains spaces");
                    }
                }
                String value = readValue(key, keyColumn);
                store(key, value, keyColumn);
            }

            private String readKeyWord() {
                int start = pos;
                while (pos < text.length() && text.charAt(pos) != '=' && !isBlank(text.charAt(pos))) {
                    pos++;
                }
                return text.substring(start, pos);
            }

            /** Reads the value from {@link #pos}: shell-style words, quotes and an optional trailing comment. */
            private String readValue(String key, int keyColumn) {
                StringBuilder value = new StringBuilder();
                boolean expands = false;
                while (pos < text.length()) {
                    char c = text.charAt(pos);
                    if (c == '\'') {
                        int close = text.indexOf('\'', pos + 1);
                        if (close < 0) {
                            return unterminated(key, "single", value);
                        }
                        value.append(text, pos + 1, close);
                        pos = close + 1;
                    } else if (c == '"') {
                        int open = pos;
                        pos++;
                        boolean closed = false;
                        while (pos < text.length()) {
                            char d = text.charAt(pos);
                            if (d == '\\' && pos + 1 < text.length() && "\"\\$`".indexOf(text.charAt(pos + 1)) >= 0) {
                                value.append(text.charAt(pos + 1));
                                pos += 2;
                            } else if (d == '"') {
                                closed = true;
                                pos++;
                                break;
                            } else {
                                expands |= d == '$' || d == '`';
                                value.append(d);
                                pos++;
                            }
                        }
                        if (!closed) {
                            pos = open;
                            return unterminated(key, "double", value);
                        }
                    } else if (c == '\\') {
                        if (pos + 1 == text.length()) {
                            error(key, lineNo, pos + 1, "line ends with a backslash; continuation lines are not supported",
                                    "write the whole value on one line");
                            pos++;
                            return value.toString();
                        }
                        value.append(text.charAt(pos + 1));
                        pos += 2;
                    } else if (isBlank(c)) {
                        // An unquoted value runs to the end of the line (`VM Network` is what the user means);
                        // blanks followed by `#` start a comment, trailing blanks are dropped.
                        int blankStart = pos;
                        skipBlanks();
                        if (pos == text.length() || text.charAt(pos) == '#') {
                            break;
                        }
                        value.append(text, blankStart, pos);
                    } else {
                        expands |= c == '$' || c == '`';
                        value.append(c);
                        pos++;
                    }
                }
                if (expands) {
                    warning(key, lineNo, keyColumn, "the value of `" + key + "` contains `$` or a backtick, which a shell"
                            + " reading this file would expand", "put the value in single quotes");
                }
                return value.toString();
            }

            private String unterminated(String key, String kind, StringBuilder valueSoFar) {
                error(key, lineNo, pos + 1, "the " + kind + " quote opened here is not closed",
                        "close the quote on the same line");
                valueSoFar.append(text, Math.min(pos + 1, text.length()), text.length());
                pos = text.length();
                return valueSoFar.toString();
            }

            private void skipBlanks() {
                while (pos < text.length() && isBlank(text.charAt(pos))) {
                    pos++;
                }
            }

            private void store(String writtenKey, String value, int column) {
                SourceLocation at = new SourceLocation(source, lineNo, column);
                String key = normaliseKey(writtenKey, at, findings);
                Integer first = firstLine.putIfAbsent(key, lineNo);
                if (first != null) {
                    error(key, lineNo, column, "`" + key + "` is set twice: on line " + first + " and again on line "
                            + lineNo, "delete one of the two lines");
                }
                entries.put(key, new ImageConfig.Entry(key, value, at));
            }
        }

        private void error(String key, int line, int column, String message, String hint) {
            errors++;
            findings.add(Finding.error(key, new SourceLocation(source, line, column), message, hint));
        }

        private void warning(String key, int line, int column, String message, String hint) {
            findings.add(Finding.warning(key, new SourceLocation(source, line, column), message, hint));
        }
    }

    /**
     * The documented spelling of a key as written: a legacy spelling is read as the documented key, an unknown key is
     * kept as written; each is a warning in {@code findings}. The one rule for file lines and overrides alike.
     */
    static String normaliseKey(String written, SourceLocation at, List<Finding> findings) {
        if (ConfigKey.isKnown(written)) {
            return written;
        }
        var legacy = ConfigKey.byLegacyName(written);
        if (legacy.isPresent()) {
            String key = legacy.get().key();
            findings.add(Finding.warning(key, at, "`" + written + "` is an old or misprinted spelling of `" + key
                    + "`; read as `" + key + "`", "write " + key + "= instead"));
            return key;
        }
        findings.add(Finding.warning(written, at, "`" + written + "` is not a documented imageconfig key",
                ConfigKey.closest(written).map(k -> "did you mean `" + k.key() + "`?")
                        .orElse("check the spelling against the list of keys in the documentation")));
        return written;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** Index of the first character that may not appear in a key, or -1. */
    static int invalidKeyCharacter(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    static String describe(char c) {
        if (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
