package io.jenkins.plugins.capi.vsphere;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the TLS context for one vCenter connection from the user's {@link VsphereTls} choice. */
final class VcenterTrust {

    static final String INSECURE_WARNING =
            "TLS certificate verification for vCenter is switched off (insecure): anyone on the network path "
                    + "can read the vCenter credentials. Give the vCenter CA certificate instead.";

    private VcenterTrust() {}

    static SSLContext sslContext(VsphereTls tls, String server) throws VsphereException {
        return sslContext(tls, server, Map.of());
    }

    /**
     * As {@link #sslContext(VsphereTls, String)}, and also trusts a host whose certificate has the SHA-1
     * thumbprint vCenter announced for it (the ESXi hosts of a file-transfer lease: vCenter vouches for them, their
     * certificates need not chain to a CA the user gave).
     *
     * @param pinnedSha1 host → thumbprint ({@code AA:BB:…}, as vCenter writes it; case and colons ignored)
     */
    static SSLContext sslContext(VsphereTls tls, String server, Map<String, String> pinnedSha1) throws VsphereException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            X509ExtendedTrustManager base;
            if (tls.insecure()) {
                base = new AcceptAnyCertificate();
            } else if (tls.caFile() != null) {
                base = withExtraCa(tls, server);
            } else {
                base = pkix(null);
            }
            ctx.init(null, new TrustManager[] {pinnedSha1.isEmpty() ? base : new PinnedThumbprints(base, pinnedSha1)},
                    null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new VsphereException(VsphereException.Kind.TLS, server, null,
                    "vCenter " + server + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Trusts the CAs of the PEM file, and the JVM's CAs as well. Both delegates are the platform's PKIX trust
     * managers, so the host name is still checked; the JVM's store is only loaded when the file's CAs do not fit.
     */
    private static X509ExtendedTrustManager withExtraCa(VsphereTls tls, String server)
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
        int n = 0;
        for (Certificate c : extra) {
            store.setCertificateEntry("extra-" + n++, c);
        }
        return new FirstTrusting(pkix(store), () -> pkix(null));
    }

    private static X509ExtendedTrustManager pkix(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in " + f.getAlgorithm());
    }

    private interface TrustSource {
        X509ExtendedTrustManager get() throws GeneralSecurityException;
    }

    /** Accepts a server chain when the file's CAs or, failing that, the JVM's CAs accept it. */
    private static final class FirstTrusting extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager extra;
        private final TrustSource jvmSource;
        private X509ExtendedTrustManager jvm;

        FirstTrusting(X509ExtendedTrustManager extra, TrustSource jvmSource) {
            this.extra = extra;
            this.jvmSource = jvmSource;
        }

        private synchronized X509ExtendedTrustManager jvm() throws CertificateException {
            if (jvm == null) {
                try {
                    jvm = jvmSource.get();
                } catch (GeneralSecurityException e) {
                    throw new CertificateException("cannot load the JVM trust store", e);
                }
            }
            return jvm;
        }

        private interface Check {
            void run(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(extra);
            } catch (CertificateException fromFile) {
                try {
                    check.run(jvm());
                } catch (CertificateException fromJvm) {
                    fromFile.addSuppressed(fromJvm);
                    throw fromFile;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return extra.getAcceptedIssuers();
        }
    }

    /** Accepts a host's chain whose leaf has the thumbprint vCenter gave for that host; else asks the delegate. */
    private static final class PinnedThumbprints extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final Map<String, String> pins = new HashMap<>();

        PinnedThumbprints(X509ExtendedTrustManager delegate, Map<String, String> pinnedSha1) {
            this.delegate = delegate;
            pinnedSha1.forEach((host, print) -> pins.put(host.toLowerCase(Locale.ROOT), normal(print)));
        }

        private static String normal(String thumbprint) {
            return thumbprint.replace(":", "").toLowerCase(Locale.ROOT);
        }

        private boolean pinned(X509Certificate[] chain, String host) throws CertificateException {
            String want = host == null ? null : pins.get(host.toLowerCase(Locale.ROOT));
            if (want == null || want.isEmpty() || chain.length == 0) {
                return false;
            }
            try {
                byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(chain[0].getEncoded());
                return HexFormat.of().formatHex(sha1).equals(want);
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            String host = socket instanceof javax.net.ssl.SSLSocket s ? s.getHandshakeSession().getPeerHost() : null;
            if (!pinned(chain, host)) {
                delegate.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (!pinned(chain, engine == null ? null : engine.getPeerHost())) {
                delegate.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
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
