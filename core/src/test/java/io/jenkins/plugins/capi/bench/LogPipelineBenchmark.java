package io.jenkins.plugins.capi.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import io.jenkins.plugins.capi.container.ContainerEvents;
import io.jenkins.plugins.capi.container.ContainerResult;
import io.jenkins.plugins.capi.container.ContainerRunner;
import io.jenkins.plugins.capi.container.EngineConnection;
import io.jenkins.plugins.capi.container.RunSpec;
import io.jenkins.plugins.capi.logs.LogPipeline;
import io.jenkins.plugins.capi.logs.LogSink;
import io.jenkins.plugins.capi.logs.ProgressEvent;
import io.jenkins.plugins.capi.logs.SecretMasker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmarks of the container log pipeline and start-up (docs/performance.md, "Container log pipeline and
 * start-up"). Not a test: run it as a main class, see the docs for the command. Needs the engine and the fake image.
 * Arguments: {@code [logMB=100] [syntheticMB=1024] [reps=3]}.
 */
public final class LogPipelineBenchmark {

    static final String IMAGE = "localhost/capi-fake-builder:latest";
    static final List<String> SECRETS = List.of("Pl@nted-S3cret/bench", "rhel-subscription-pw", "registry-token-123");

    public static void main(String[] args) throws Exception {
        int logMb = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int synthMb = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("JVM max heap %d MB, %d CPUs, java %s%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (logMb > 0) try (DockerClient docker = EngineConnection.open(null)) {
            Path out = Files.createTempDirectory("capi-bench");
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
            followBenchmark(docker, out, logMb, reps);
            startBenchmark(docker, out, 7);
        }
        syntheticBenchmark(synthMb, reps);
        System.out.printf("peak heap used (all heap pools, whole run): %.1f MB%n", peakHeapMb());
    }

    /** The same finished container's log: docker logs -f vs our follow+split+mask+progress. */
    static void followBenchmark(DockerClient docker, Path out, int mb, int reps) throws Exception {
        Files.writeString(out.resolve("imageconfig"), "image_name=bench-log-flood\nfake_step_seconds=0\nfake_log_mb="
                + mb + "\nvcenter_password='" + SECRETS.get(0) + "'\n");
        String id = docker.createContainerCmd(IMAGE).withLabels(Map.of("io.jenkins.capi.bench", "1"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("host")
                        .withBinds(new Bind(out.toString(), new Volume("/home/imagebuilder/output"))))
                .exec().getId();
        try {
            long t0 = System.nanoTime();
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(600, TimeUnit.SECONDS);
            System.out.printf("container %s wrote %d MB of log in %.1f s%n", id.substring(0, 12), mb, secs(t0));
            List<Double> cli = new ArrayList<>();
            List<Double> masked = new ArrayList<>();
            List<Double> unmasked = new ArrayList<>();
            long bytes = 0;
            for (int r = 0; r < reps; r++) {
                long c0 = System.nanoTime();
                Process p = new ProcessBuilder("docker", "logs", "-f", id).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor();
                cli.add(secs(c0));
                long[] b = new long[1];
                masked.add(follow(docker, id, SecretMasker.of(SECRETS), b));
                bytes = b[0];
                unmasked.add(follow(docker, id, SecretMasker.none(), b));
            }
            double mbs = bytes / 1e6;
            double cliMed = median(cli);
            double ourMed = median(masked);
            System.out.printf("log bytes %.1f MB%n", mbs);
            System.out.printf("docker logs -f > /dev/null : median %.2f s (%.1f MB/s) runs %s%n", cliMed, mbs / cliMed, cli);
            System.out.printf("pipeline, masked (3 secrets): median %.2f s (%.1f MB/s) runs %s%n", ourMed, mbs / ourMed, masked);
            System.out.printf("pipeline, no masking        : median %.2f s (%.1f MB/s) runs %s%n", median(unmasked),
                    mbs / median(unmasked), unmasked);
            System.out.printf("=> pipeline throughput / docker logs = %.2fx%n", cliMed / ourMed);
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
            Files.deleteIfExists(out.resolve("imageconfig"));
        }
    }

    static double follow(DockerClient docker, String id, SecretMasker masker, long[] bytesOut) throws Exception {
        long[] lines = new long[1];
        LogSink sink = new LogSink() {
            @Override
            public void logLine(String line) {
                lines[0]++;
            }

            @Override
            public void progress(ProgressEvent event) {
            }
        };
        LogPipeline pipeline = new LogPipeline(masker, sink, Clock.systemUTC(), Instant.now());
        long t0 = System.nanoTime();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame f) {
                        if (f.getStreamType() == StreamType.STDERR) {
                            pipeline.stderr(f.getPayload());
                        } else {
                            pipeline.stdout(f.getPayload());
                        }
                    }
                }).awaitCompletion();
        pipeline.finish();
        bytesOut[0] = pipeline.bytes();
        return secs(t0);
    }

    /** Wall time of a whole short build: ContainerRunner.run vs docker run --rm with the same mount. */
    static void startBenchmark(DockerClient docker, Path out, int reps) throws Exception {
        String config = "image_name=bench-start\nos_version=rockylinux-8\nk8s_version=1.30.4\nfake_step_seconds=0\n"
                + "vcenter_password='" + SECRETS.get(0) + "'\n";
        ContainerRunner runner = new ContainerRunner(docker);
        long[] firstLine = new long[1];
        ContainerEvents quiet = new ContainerEvents() {
            @Override
            public void info(String message) {
            }

            @Override
            public void logLine(String line) {
                if (firstLine[0] == 0) {
                    firstLine[0] = System.nanoTime();
                }
            }

            @Override
            public void progress(ProgressEvent event) {
            }
        };
        List<Double> cli = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> cliFirst = new ArrayList<>();
        List<Double> oursFirst = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            deleteTree(out.resolve("bench-start"));
            Files.writeString(out.resolve("imageconfig"), config);
            long c0 = System.nanoTime();
            Process p = new ProcessBuilder("docker", "run", "--rm", "--net=host", "-v",
                    out + ":/home/imagebuilder/output", IMAGE).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getInputStream().read();
            cliFirst.add(secs(c0));
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            int code = p.waitFor();
            cli.add(secs(c0));
            Files.delete(out.resolve("imageconfig"));
            if (code != 0) {
                throw new IllegalStateException("docker run exited " + code);
            }
            deleteTree(out.resolve("bench-start"));
            firstLine[0] = 0;
            long o0 = System.nanoTime();
            ContainerResult res = runner.run(RunSpec.builder(IMAGE, out, config, "bench-start", "bench-" + r)
                    .secrets(SECRETS).build(), quiet);
            ours.add(secs(o0));
            oursFirst.add(Math.round((firstLine[0] - o0) / 1e6) / 1000.0);
            if (res.exitCode() != 0) {
                throw new IllegalStateException("runner exited " + res.exitCode());
            }
        }
        System.out.printf("first log line, docker run (CLI)     : median %.3f s runs %s%n", median(cliFirst), cliFirst);
        System.out.printf("first log line, ContainerRunner.run  : median %.3f s runs %s%n", median(oursFirst), oursFirst);
        System.out.printf("=> start overhead runner / docker run = %.2fx%n", median(oursFirst) / median(cliFirst));
        System.out.printf("short build, docker run --rm (CLI)   : median %.3f s runs %s%n", median(cli), cli);
        System.out.printf("short build, ContainerRunner.run     : median %.3f s runs %s%n", median(ours), ours);
        System.out.printf("=> runner / docker run = %.2fx%n", median(ours) / median(cli));
    }

    /** In-process: the pipeline alone over N MB of KIB-like lines, masked and not; shows CPU cost and heap bound. */
    static void syntheticBenchmark(int mb, int reps) {
        byte[] chunk = syntheticChunk();
        long total = (long) mb << 20;
        List<Double> masked = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            plain.add(pump(SecretMasker.none(), chunk, total));
            masked.add(pump(SecretMasker.of(SECRETS), chunk, total));
        }
        double mp = median(plain);
        double mm = median(masked);
        System.out.printf("synthetic %d MB, pipeline no masking : median %.2f s (%.0f MB/s) runs %s%n", mb, mp, mb / mp, plain);
        System.out.printf("synthetic %d MB, pipeline masked     : median %.2f s (%.0f MB/s) runs %s%n", mb, mm, mb / mm, masked);
        System.out.printf("=> masking overhead %.1f %%%n", (mm / mp - 1) * 100);
        // the masker alone, on the same lines: its CPU cost per line, free of I/O and GC noise
        String[] lines = new String(chunk, StandardCharsets.UTF_8).split("\n");
        SecretMasker masker = SecretMasker.of(SECRETS);
        long sink = 0;
        long t0 = System.nanoTime();
        int rounds = Math.max(1, mb);
        for (int r = 0; r < rounds; r++) {
            for (String l : lines) {
                sink += masker.mask(l).length();
            }
        }
        double nsPerLine = (System.nanoTime() - t0) / (double) ((long) rounds * lines.length);
        double pipelineNsPerLine = mp * 1e9 / ((double) total / chunk.length * lines.length);
        System.out.printf("masker alone: %.0f ns/line (%d secrets, %d forms); pipeline without masking: %.0f ns/line"
                + " => %.1f %% (checksum %d)%n", nsPerLine, SECRETS.size(), masker.formCount(), pipelineNsPerLine,
                nsPerLine / pipelineNsPerLine * 100, sink % 10);
    }

    static double pump(SecretMasker masker, byte[] chunk, long total) {
        long[] n = new long[1];
        LogSink sink = new LogSink() {
            @Override
            public void logLine(String line) {
                n[0] += line.length();
            }

            @Override
            public void progress(ProgressEvent event) {
            }
        };
        LogPipeline p = new LogPipeline(masker, sink, Clock.systemUTC(), Instant.now());
        long t0 = System.nanoTime();
        byte[] frame = new byte[16 * 1024];
        for (long sent = 0; sent < total; sent += chunk.length) {
            // Docker hands frames of at most 16 KiB; copy like the transport does (a fresh array per frame)
            for (int off = 0; off < chunk.length; off += frame.length) {
                int len = Math.min(frame.length, chunk.length - off);
                byte[] f = new byte[len];
                System.arraycopy(chunk, off, f, 0, len);
                p.stdout(f);
            }
        }
        p.finish();
        return secs(t0);
    }

    static byte[] syntheticChunk() {
        StringBuilder sb = new StringBuilder();
        String[] lines = {
            "==> vsphere: Waiting for IP...",
            "    vsphere: TASK [containerd : download containerd] ***",
            "    vsphere: ok: [default] => (item=open-vm-tools) flooding the log to test the pipeline under volume",
            "    vsphere: changed: [default]",
            "\u001B[1;32m==> vsphere: Executing Ansible: ansible-playbook -e packer_build_name=\"vsphere\" --extra-vars x=y\u001B[0m",
            "    vsphere: Sat Nov 28 01:12:42 UTC 2026 checking package repositories and mirrors for updates"};
        while (sb.length() < (1 << 20)) {
            for (String l : lines) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static double secs(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
