package io.jenkins.plugins.capi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Scans every file below a folder (build.xml, log, program.dat, artifacts...) for a planted secret. */
public final class SecretScan {

    private SecretScan() {}

    public static void assertNoFileContains(Path root, String secret) throws IOException {
        assertEquals(List.of(), filesContaining(root, secret), "files below " + root + " containing the planted secret");
    }

    /** The files below {@code root} that contain {@code secret}, relative to {@code root}. */
    public static List<Path> filesContaining(Path root, String secret) throws IOException {
        byte[] needle = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    hits.add(root.relativize(f));
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
