package io.jenkins.plugins.capi.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running vcsim (the project's harness in {@code tools/vcsim}) on 127.0.0.1 with a random port, a user
 * name and a password, and a self-signed certificate it writes for the test to trust. Closing stops it; if the
 * test JVM dies instead, vcsim sees its standard input close and stops by itself.
 *
 * <p>Where the binary comes from: {@code $CAPI_VCSIM}, else {@code ../tools/vcsim/vcsim} relative to the core
 * module. Used as an extension, tests are skipped loudly when neither exists, and fail when {@code CAPI_VCSIM}
 * is set but unusable or when {@code CAPI_TEST_REQUIRE_ENGINE=1} (CI must not silently skip the simulator
 * scenarios).
 */
public final class Vcsim implements AutoCloseable {

    public static final String USER = "jenkins";
    /** Planted in every test; must never show up in any output. XML specials prove the escaping. */
    public static final String PASSWORD = "Pl4nted<&>'\"%s3cr3t-vc";

    private static final Pattern URL_LINE = Pattern.compile("CAPI_VCSIM_URL=https://(127\\.\\d+\\.\\d+\\.\\d+:(\\d+))/sdk");

    private final Process process;
    private final String server;
    private final Path caFile;
    private final Path dir;

    private Vcsim(Process process, String server, Path caFile, Path dir) {
        this.process = process;
        this.server = server;
        this.caFile = caFile;
        this.dir = dir;
    }

    /** The extension: skip loudly without a binary, fail when CAPI_VCSIM points at nothing usable. */
    public static final class Available implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String configured = System.getenv("CAPI_VCSIM");
            if (configured != null && !configured.isBlank()) {
                Path p = Paths.get(configured);
                if (!Files.isExecutable(p)) {
                    throw new IllegalStateException("CAPI_VCSIM=" + configured
                            + " is not an executable file; build it with: bash tools/vcsim/build.sh");
                }
                return ConditionEvaluationResult.enabled("vcsim at " + p);
            }
            if (binary().isPresent()) {
                return ConditionEvaluationResult.enabled("vcsim at " + binary().get());
            }
            if ("1".equals(System.getenv("CAPI_TEST_REQUIRE_ENGINE"))) {
                throw new IllegalStateException("CAPI_TEST_REQUIRE_ENGINE=1 but there is no vcsim binary (CAPI_VCSIM"
                        + " unset and ../tools/vcsim/vcsim missing); build it with: bash tools/vcsim/build.sh");
            }
            String reason = "SKIPPED LOUDLY: no vcsim binary (CAPI_VCSIM unset and ../tools/vcsim/vcsim missing);"
                    + " the vSphere scenarios did NOT run. Build it with: bash tools/vcsim/build.sh";
            System.err.println("*** " + reason + " ***");
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    static Optional<Path> binary() {
        String configured = System.getenv("CAPI_VCSIM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Paths.get(configured));
        }
        Path local = Paths.get("").toAbsolutePath().resolveSibling("tools").resolve("vcsim").resolve("vcsim");
        return Files.isExecutable(local) ? Optional.of(local) : Optional.empty();
    }

    /** Starts vcsim with the planted password and the given scenario flags (a later {@code -l} wins). */
    public static Vcsim start(String... flags) throws IOException, InterruptedException {
        return startWithPassword(PASSWORD, flags);
    }

    public static Vcsim startWithPassword(String password, String... flags) throws IOException, InterruptedException {
        Path bin = binary().orElseThrow(() -> new IllegalStateException("no vcsim binary"));
        Path dir = Files.createTempDirectory("capi-vcsim");
        Path cert = dir.resolve("vcsim-ca.pem");
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-l", "127.0.0.1:0", "-username", USER,
                "-write-cert", cert.toString(), "-exit-on-stdin-eof"));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.log").toFile());
        pb.environment().put("VCSIM_PASSWORD", password);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = URL_LINE.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String server;
        try {
            server = url.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            server = null;
        }
        if (server == null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("vcsim did not start (" + String.join(" ", cmd) + "): "
                    + Files.readString(dir.resolve("stderr.log")));
        }
        return new Vcsim(p, server, cert, dir);
    }

    /** {@code 127.0.0.1:PORT}, as a user would write {@code vcenter_server}. */
    public String server() {
        return server;
    }

    /** The PEM certificate vcsim serves (self-signed, for 127.0.0.1). */
    public Path caFile() {
        return caFile;
    }

    String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.log"));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
