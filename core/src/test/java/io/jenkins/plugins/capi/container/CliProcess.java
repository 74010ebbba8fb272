package io.jenkins.plugins.capi.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code capi-image-build} as a process of its own, as a user starts it: what its logging prints on stderr, how it
 * dies on a signal, and which locks it holds are only real in a separate JVM. Output goes to a file, read at will.
 */
final class CliProcess {

    private final Process process;
    private final Path log;

    private CliProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param tmp     the child's java.io.tmpdir (where it makes private folders)
     * @param prefix  words before {@code java}, e.g. a user switch ({@code setpriv …}); empty for none
     */
    static CliProcess start(Path log, Path tmp, Map<String, String> env, List<String> prefix, String classPath,
                            String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add("io.jenkins.plugins.capi.cli.CapiImageBuild");
        cmd.addAll(List.of(args));
        Files.createDirectories(tmp);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("DOCKER_HOST");
        pb.environment().putAll(env);
        return new CliProcess(pb.start(), log);
    }

    static CliProcess start(Path log, Path tmp, Map<String, String> env, String... args) throws IOException {
        return start(log, tmp, env, List.of(), System.getProperty("java.class.path"), args);
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the output holds {@code text}; fails when the process ends first or it takes too long. */
    void awaitOutput(String text, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("never printed " + text + ":\n" + output());
            }
            Thread.sleep(50);
        }
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("capi-image-build did not end within " + seconds + " s");
        }
        return process.exitValue();
    }

    void kill9() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).inheritIO().start().waitFor();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void destroy() {
        process.destroyForcibly();
    }
}
