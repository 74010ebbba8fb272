package io.jenkins.plugins.capi.vsphere;

/**
 * What the endpoint says it is ({@code ServiceContent.about}).
 *
 * @param apiType {@code VirtualCenter} for a vCenter, {@code HostAgent} for an ESXi host
 */
public record VcenterAbout(String fullName, String version, String build, String apiType, String apiVersion,
                           String instanceUuid) {

    public static final String VCENTER_API_TYPE = "VirtualCenter";

    public boolean isVcenter() {
        return VCENTER_API_TYPE.equals(apiType);
    }
}
