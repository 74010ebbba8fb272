package io.jenkins.plugins.capi.customize;

import java.nio.file.Path;

/**
 * What a user asked to change about a build, as values: custom scripts, a static IP with the kickstart to put it in,
 * and the RHSM workaround for Rocky builds from an existing VM. Checked and turned into files by
 * {@link CustomizationPlan#prepare}. Holds no secret.
 *
 * @param scripts   the pre/post scripts
 * @param baseDir   the folder relative script patterns and the kickstart path are resolved against (the Jenkins
 *                  workspace; the CLI's working folder)
 * @param staticIp  the build VM's address; {@link StaticIp#NONE} for DHCP
 * @param kickstart the kickstart to rewrite (or to stage unchanged when no static IP is asked for); null for the
 *                  air-gap archive's one, or none
 * @param rhsm      the RHSM workaround mode
 */
public record Customization(CustomScripts scripts, Path baseDir, StaticIp staticIp, Path kickstart,
                            RhsmWorkaround.Mode rhsm) {

    public static final Customization NONE = new Customization(null, null, null, null, null);

    public Customization {
        scripts = scripts == null ? CustomScripts.NONE : scripts;
        baseDir = (baseDir == null ? Path.of("") : baseDir).toAbsolutePath().normalize();
        staticIp = staticIp == null ? StaticIp.NONE : staticIp;
        rhsm = rhsm == null ? RhsmWorkaround.Mode.AUTO : rhsm;
    }

    /** The kickstart as an absolute path, or null. */
    public Path kickstartFile() {
        return kickstart == null ? null : baseDir.resolve(kickstart).normalize();
    }

    public Customization withBaseDir(Path dir) {
        return new Customization(scripts, dir, staticIp, kickstart, rhsm);
    }

    public Customization withScripts(CustomScripts s) {
        return new Customization(s, baseDir, staticIp, kickstart, rhsm);
    }

    public Customization withStaticIp(StaticIp ip) {
        return new Customization(scripts, baseDir, ip, kickstart, rhsm);
    }

    public Customization withKickstart(Path file) {
        return new Customization(scripts, baseDir, staticIp, file, rhsm);
    }

    public Customization withRhsm(RhsmWorkaround.Mode mode) {
        return new Customization(scripts, baseDir, staticIp, kickstart, mode);
    }

    public boolean requested() {
        return scripts.requested() || staticIp.requested() || kickstart != null || rhsm != RhsmWorkaround.Mode.AUTO;
    }
}
