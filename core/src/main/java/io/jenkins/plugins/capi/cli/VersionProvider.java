package io.jenkins.plugins.capi.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CapiImageBuild.class.getPackage().getImplementationVersion();
        return new String[] {"capi-image-build " + (v == null ? "development build" : v)};
    }
}
