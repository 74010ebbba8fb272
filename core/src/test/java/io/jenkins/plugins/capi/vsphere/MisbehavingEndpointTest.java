package io.jenkins.plugins.capi.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.jenkins.plugins.capi.vsphere.VsphereTls;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stands between the agent and vCenter can answer instead of vCenter: a proxy's error page, a plain-HTTP
 * port, or a hostile XML document. A small loopback HTTPS server (JDK {@code HttpsServer}, key made by
 * {@code keytool}) plays those parts; vCenter behaviour itself is tested against vcsim elsewhere.
 */
class MisbehavingEndpointTest {

    private static final VsphereTimeouts TIMEOUTS = VsphereTimeouts.of(Duration.ofSeconds(5));
    private static final String STOREPASS = "changeit";

    @TempDir
    static Path dir;

    private static SSLContext serverTls;
    private static Path caFile;
    private HttpsServer https;
    private volatile int status;
    private volatile String body;

    @BeforeAll
    static void makeServerKey() throws Exception {
        Path store = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=proxy",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", STOREPASS, "-keypass", STOREPASS);
        caFile = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", STOREPASS, "-file", caFile.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STOREPASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STOREPASS.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    @BeforeEach
    void startHttps() throws Exception {
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.createContext("/sdk", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        https.start();
    }

    @AfterEach
    void stop() {
        https.stop(0);
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String[] cmd = new String[args.length + 1];
        cmd[0] = keytool.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private String server() {
        return "127.0.0.1:" + https.getAddress().getPort();
    }

    private VsphereException connectFails() {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> VimClient.connect(server(), new VsphereTls(caFile, false), TIMEOUTS));
        assertThat(t).isInstanceOf(VsphereException.class);
        return (VsphereException) t;
    }

    @Test
    void aProxyErrorPageIsAnHttpError() {
        status = 503;
        body = "<html><body>Service Unavailable</body></html>";
        VsphereException e = connectFails();
        assertThat(e.kind()).isEqualTo(VsphereException.Kind.HTTP);
        assertThat(e.getMessage()).contains(server(), "HTTP 503", "RetrieveServiceContent", "/sdk");
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("local-secret.txt"), "LOCAL-FILE-CONTENT");
        status = 200;
        body = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY leak SYSTEM \"" + secretFile.toUri() + "\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
                + "<RetrieveServiceContentResponse xmlns=\"urn:vim25\"><returnval><about><fullName>&leak;</fullName>"
                + "</about></returnval></RetrieveServiceContentResponse></soapenv:Body></soapenv:Envelope>";
        VsphereException e = connectFails();
        assertThat(e.kind()).isEqualTo(VsphereException.Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("not XML").doesNotContain("LOCAL-FILE-CONTENT");
    }

    @Test
    void anAnswerThatIsNotAVcenterIsAProtocolError() {
        status = 200;
        body = "<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><Other xmlns=\"urn:other\"/></soapenv:Body></soapenv:Envelope>";
        VsphereException e = connectFails();
        assertThat(e.kind()).isEqualTo(VsphereException.Kind.PROTOCOL);
        assertThat(e.getMessage()).contains("without 'about'");
    }

    @Test
    void aPlainHttpPortIsATlsFailure() throws Exception {
        // Like a web server on its plain-HTTP port: it answers the TLS hello with an HTTP error and closes.
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept()) {
                    s.getInputStream().read(new byte[512]);
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException ignored) {
                    // the client hung up first
                }
            });
            answer.start();
            assertThatThrownBy(() -> VimClient.connect("127.0.0.1:" + plain.getLocalPort(), VsphereTls.VERIFY, TIMEOUTS))
                    .isInstanceOfSatisfying(VsphereException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VsphereException.Kind.TLS);
                        assertThat(e.getMessage()).contains("127.0.0.1:" + plain.getLocalPort(), "TLS handshake failed");
                    });
            answer.join(10_000);
        }
    }
}
