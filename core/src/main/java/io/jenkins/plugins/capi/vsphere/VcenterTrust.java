package io.jenkins.plugins.capi.vsphere;

import io.jenkins.plugins.capi.build.BuildRequest.VsphereTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the TLS context for one vCenter connection from the user's {@link VsphereTls} choice. */
final class VcenterTrust {

    static final String INSECURE_WARNING =
            "TLS certificate verification for vCenter is switched off (insecure): anyone on the network path "
                    + "can read the vCenter credentials. Give the vCenter CA certificate instead.";

    private VcenterTrust() {}

    static SSLContext sslContext(VsphereTls tls, String server) throws VsphereException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (tls.insecure()) {
                ctx.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
            } else if (tls.caFile() != null) {
                ctx.init(null, withExtraCa(tls, server).getTrustManagers(), null);
            } else {
                ctx.init(null, null, null);
            }
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new VsphereException(VsphereException.Kind.TLS, server, null,
                    "vCenter " + server + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The JVM's trusted CAs plus every certificate in the PEM file, so verification keeps its hostname check. */
    private static TrustManagerFactory withExtraCa(VsphereTls tls, String server)
            throws GeneralSecurityException, VsphereException {
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(tls.caFile())) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, server, null,
                    "vCenter CA file " + tls.caFile() + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
        if (extra.isEmpty()) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, server,
                    "vCenter CA file " + tls.caFile() + " holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        int n = 0;
        for (TrustManager tm : jvm.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    store.setCertificateEntry("jvm-" + n++, c);
                }
            }
        }
        for (Certificate c : extra) {
            store.setCertificateEntry("extra-" + n++, c);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined;
    }

    /**
     * The explicit insecure mode. Being an {@link X509ExtendedTrustManager}, it also takes over the host name
     * check, which it skips; callers always surface {@link #INSECURE_WARNING}.
     */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
