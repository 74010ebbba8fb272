package io.jenkins.plugins.capi.vsphere;

import static io.jenkins.plugins.capi.vsphere.SoapXml.el;
import static io.jenkins.plugins.capi.vsphere.SoapXml.this_;

import io.jenkins.plugins.capi.logs.SecretMasker;
import io.jenkins.plugins.capi.vsphere.VsphereException.Kind;
import java.util.List;

/** The vim25 session: {@code Login} and {@code Logout} on the {@code SessionManager}. */
final class SessionManager {

    private final SoapTransport soap;
    private final MoRef ref;
    private volatile boolean loggedIn;

    SessionManager(SoapTransport soap, MoRef ref) {
        this.soap = soap;
        this.ref = ref;
    }

    /** Logs in; a wrong user or password fails with fault {@code InvalidLogin}. */
    void login(String user, String password) throws VsphereException {
        if (ref == null) {
            throw soap.protocol("the endpoint has no SessionManager");
        }
        try {
            soap.call("Login", this_(ref) + el("userName", user) + el("password", password));
        } catch (VsphereException e) {
            if (e.isFault("InvalidLogin")) {
                throw new VsphereException(Kind.FAULT, soap.endpoint().toString(), "InvalidLogin",
                        "vCenter " + soap.endpoint() + " rejected the login of user '" + user
                                + "' (InvalidLogin): wrong user name or password", null);
            }
            // A fault string is the server's text; make sure it cannot hand the password back.
            throw masked(e, password);
        }
        loggedIn = true;
    }

    static VsphereException masked(VsphereException e, String secret) {
        String msg = e.getMessage();
        SecretMasker masker = SecretMasker.of(secret == null ? List.of() : List.of(secret));
        String safe = msg == null ? null : masker.mask(msg);
        if (safe == null || safe.equals(msg)) {
            return e;
        }
        return new VsphereException(e.kind(), e.server(), e.faultName(), safe, null);
    }

    boolean loggedIn() {
        return loggedIn;
    }

    /** Logs out when logged in. Never throws: a failed logout must not hide the real result. */
    void logout() {
        if (loggedIn) {
            loggedIn = false;
            try {
                soap.call("Logout", this_(ref));
            } catch (VsphereException ignored) {
                // the session expires on the server by itself
            }
        }
    }
}
