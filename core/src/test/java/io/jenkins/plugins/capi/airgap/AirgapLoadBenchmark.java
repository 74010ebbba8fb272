package io.jenkins.plugins.capi.airgap;

import com.github.dockerjava.api.DockerClient;
import io.jenkins.plugins.capi.container.EngineConnection;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code bench/airgap-load.sh} runs for "ours": the two passes an air-gapped build makes over the vendor's
 * archive, timed apart. First {@link AirgapBundle#inspect} (the listing behind the checks), then the unpacking that
 * streams the builder image into the engine and extracts rpmrepo/, kickstart/ and output/imageconfig into a work
 * folder. The Yum image is not loaded and no container started, so the work matches {@code tar -xzf} followed by
 * {@code docker load} of the builder tar. The third argument chooses how the image is sent: over the engine's UNIX
 * socket as builds do, or through docker-java (what engines on tcp:// get). A main class, not a test.
 *
 * <p>Prints one line: {@code inspect_s=… unpack_s=… builder=<reference>}.
 */
public final class AirgapLoadBenchmark {

    private AirgapLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: AirgapLoadBenchmark ARCHIVE.tgz WORK_DIR socket|docker-java");
            System.exit(2);
        }
        Path archive = Path.of(args[0]);
        WorkFolder work = new WorkFolder(Path.of(args[1]));
        DockerClient docker = EngineConnection.open(null);
        long t0 = System.nanoTime();
        AirgapBundle bundle = AirgapBundle.inspect(archive, AirgapEvents.NONE);
        long t1 = System.nanoTime();
        work.create();
        Path socket = args[2].equals("socket") ? EngineSocket.unixSocketOf(null).orElseThrow() : null;
        BundleUnpacker unpacker = new BundleUnpacker(docker, socket, bundle, work, AirgapEvents.NONE);
        unpacker.unpack(true, false);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "inspect_s=%.2f unpack_s=%.2f builder=%s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                unpacker.builderReference());
        docker.close();
    }
}
