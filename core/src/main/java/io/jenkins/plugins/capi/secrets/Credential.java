package io.jenkins.plugins.capi.secrets;

/**
 * A user name and password supplied from outside the imageconfig (Jenkins credentials, the environment, a password
 * file). {@link #toString()} never shows the password, nor the user name when it is marked secret.
 *
 * @param user       the user name; may be null
 * @param password   the password; may be null
 * @param userSecret the credential says its user name is a secret too: it is masked like a password
 */
public record Credential(String user, String password, boolean userSecret) {

    public static final Credential NONE = new Credential(null, null, false);

    public static Credential of(String user, String password) {
        return new Credential(blankToNull(user), password == null || password.isEmpty() ? null : password, false);
    }

    public Credential {
        user = blankToNull(user);
        password = password == null || password.isEmpty() ? null : password;
    }

    public boolean hasUser() {
        return user != null;
    }

    public boolean hasPassword() {
        return password != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "Credential[user=" + (user == null ? "null" : userSecret ? "<redacted>" : user) + ", password="
                + (password == null ? "null" : "<redacted>") + "]";
    }
}
