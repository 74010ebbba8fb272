package io.jenkins.plugins.capi.airgap;

/**
 * The names the vendor's air-gap guide gives the two images. Archives of builder 4.6.24 load as
 * {@code localhost/<tag>:latest} and the guide re-tags them {@code localhost/capi-builder:<tag>} and
 * {@code localhost/yum-repo:<tag>}; older archives load under a registry name. Either way the tool tags the
 * documented {@code localhost/…} name, runs that, and drops the {@code localhost/<tag>:latest} load artefact.
 */
final class VendorImages {

    static final String BUILDER_REPOSITORY = "localhost/capi-builder";
    static final String YUM_REPOSITORY = "localhost/yum-repo";

    private VendorImages() {}

    static String builder(String tag) {
        return BUILDER_REPOSITORY + ":" + tag;
    }

    static String yum(String tag) {
        return YUM_REPOSITORY + ":" + tag;
    }

    /** The name newer archives load under, {@code localhost/<tag>:latest}, which the guide re-tags. */
    static String loadArtefact(String tag) {
        return "localhost/" + tag + ":latest";
    }

    /** {@code repository:tag} split at the tag's colon (a registry port is not a tag). */
    static String[] repositoryAndTag(String reference) {
        int colon = reference.lastIndexOf(':');
        if (colon > reference.lastIndexOf('/')) {
            return new String[] {reference.substring(0, colon), reference.substring(colon + 1)};
        }
        return new String[] {reference, "latest"};
    }
}
