package io.jenkins.plugins.capi.vsphere;

/** "Test Connection": log in, read what the endpoint is, log out. */
public final class VcenterConnection {

    private VcenterConnection() {}

    /**
     * @return one line, {@code Connected to <fullName> (<apiType>, API <apiVersion>) as <user>}, followed by a
     *         warning sentence when certificate verification is off
     * @throws VsphereException with a message that names the server and the cause, never the password; also
     *         when the endpoint is not a vCenter (e.g. an ESXi host)
     */
    public static String test(String server, String user, String password, VsphereTls tls, VsphereTimeouts timeouts)
            throws VsphereException {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new VsphereException(VsphereException.Kind.INVALID_INPUT, server,
                    "vCenter " + server + ": a user name and a password are needed");
        }
        VsphereTls trust = tls == null ? VsphereTls.VERIFY : tls;
        try (VimClient client = VimClient.connect(server, trust, timeouts)) {
            client.login(user, password);
            VcenterAbout about = client.about();
            if (!about.isVcenter()) {
                throw new VsphereException(VsphereException.Kind.INVALID_INPUT, client.endpoint().toString(),
                        "vCenter " + client.endpoint() + " is " + about.fullName() + " (apiType " + about.apiType()
                                + "), not a vCenter");
            }
            String line = "Connected to " + about.fullName() + " (" + about.apiType() + ", API "
                    + about.apiVersion() + ") as " + user;
            return trust.insecure() ? line + ". WARNING: " + VcenterTrust.INSECURE_WARNING : line;
        }
    }
}
