package io.jenkins.plugins.capi.vsphere;

/**
 * Tunables of the pre-flight check.
 *
 * @param minFreeBytes free space the target datastore must have; the default, 50 GiB, covers the builder's
 *                     default 20 GiB thin disk growing to full size, the uploaded ISO and Packer's cache
 * @param pageSize     objects per page of a property retrieval
 */
public record PreflightOptions(long minFreeBytes, int pageSize) {

    public static final long DEFAULT_MIN_FREE_BYTES = 50L * 1024 * 1024 * 1024;
    public static final PreflightOptions DEFAULT = new PreflightOptions(DEFAULT_MIN_FREE_BYTES, VimClient.DEFAULT_PAGE_SIZE);

    public PreflightOptions {
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative");
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
    }

    public PreflightOptions withMinFreeBytes(long bytes) {
        return new PreflightOptions(bytes, pageSize);
    }

    public PreflightOptions withPageSize(int objects) {
        return new PreflightOptions(minFreeBytes, objects);
    }
}
