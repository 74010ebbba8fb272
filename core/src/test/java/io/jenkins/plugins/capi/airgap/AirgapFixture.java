package io.jenkins.plugins.capi.airgap;

import io.jenkins.plugins.capi.config.CompatibilityMode;
import io.jenkins.plugins.capi.config.ImageConfig;
import io.jenkins.plugins.capi.config.ImageConfigParser;
import io.jenkins.plugins.capi.config.Supplied;
import io.jenkins.plugins.capi.config.ValidationOptions;
import io.jenkins.plugins.capi.testing.FakeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Inputs an air-gapped build with the stand-ins needs: config text, certificate, a free port. */
final class AirgapFixture {

    /** vCenter credentials count as supplied, as the CLI and Jenkins supply them. */
    static final ValidationOptions OPTIONS = new ValidationOptions(CompatibilityMode.WARN, null, Supplied.keys(true, false));

    private AirgapFixture() {}

    /** The fake builder's config, air-gapped against this host: the stand-in builder fetches from 127.0.0.1:port. */
    static String config(String imageName, int port, String... extraLines) {
        return FakeBuilder.imageconfig(imageName, extraLines).replace("airgap=false\n",
                "airgap=true\nairgap_ip=127.0.0.1\nfake_yum_port=" + port + "\n");
    }

    static ImageConfig parse(String text) {
        try {
            return new ImageConfigParser().parse("imageconfig", text.getBytes(StandardCharsets.UTF_8)).config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A self-signed PEM certificate (no key anywhere), valid until 2126. */
    static Path certificate(Path dir) throws IOException {
        Path file = dir.resolve("server.crt");
        try (InputStream in = AirgapFixture.class.getResourceAsStream("/airgap/server.crt")) {
            Files.copy(in, file);
        }
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Every file below {@code dir} with its size and modification time: to show a folder was not touched. */
    static TreeMap<String, String> snapshot(Path dir) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }
}
