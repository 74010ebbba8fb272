package io.jenkins.plugins.capi.vsphere;

/** A managed object reference: its type (e.g. {@code Datastore}) and id (e.g. {@code datastore-61}). */
public record MoRef(String type, String value) {
    @Override
    public String toString() {
        return type + ":" + value;
    }
}
