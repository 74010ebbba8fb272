package io.jenkins.plugins.capi.jenkins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.capi.jenkins.report.BuildReport;
import io.jenkins.plugins.capi.jenkins.report.BuildVmSummary;
import io.jenkins.plugins.capi.jenkins.report.FailureSummary;
import io.jenkins.plugins.capi.jenkins.report.OutputFileSummary;
import io.jenkins.plugins.capi.jenkins.report.PhaseTiming;
import io.jenkins.plugins.capi.jenkins.report.PublicationSummary;
import io.jenkins.plugins.capi.jenkins.report.Reports;
import io.jenkins.plugins.capi.jenkins.report.TemplateSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import net.sf.json.JSONNull;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The action as users and scripts see it: the build page, its own page and {@code capiImage/api/json}. Fetched over
 * real HTTP with the JDK client ({@code JenkinsRule.createWebClient()} is not available to this project's compile
 * check, see docs/jenkins.md).
 */
@WithJenkins
class CapiImageActionTest {

    private static final String SHA = "4f2d6a1c0be7f3e9aa51c6d2b7e8f9a0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6";
    private static final String RUN_ID = "jenkins-images-0a1b2c3d-1-5e6f7a8b";

    @Test
    void restApiAndPagesShowTheTemplate(JenkinsRule r) throws Exception {
        BuildReport report = new BuildReport(
                BuildReport.Outcome.SUCCEEDED,
                "registry.example.com/capi-builder:v4.6.24",
                new TemplateSummary(
                        "rocky-8-k130",
                        "/Datacenter/vm/templates/rocky-8-k130",
                        "vcenter.lab.example.com",
                        "Datacenter",
                        "vm-1042",
                        "rockylinux-8",
                        "standard",
                        "1.30.4",
                        "1.3.0",
                        "1.7.13",
                        "1.28.0",
                        "registry.example.com/capi-builder:v4.6.24",
                        null,
                        "rockylinux-8-kube-v1.30.4.ova",
                        1_932_735_283L,
                        SHA,
                        true,
                        List.of(new OutputFileSummary("rockylinux-8-kube-v1.30.4.ova", 1_932_735_283L, SHA)),
                        "2026-11-28T01:00:00Z",
                        "2026-11-28T01:42:00Z"),
                null,
                List.of(),
                List.of(new PhaseTiming("PROVISIONING", "provisioning with Ansible", 754_000)),
                "capi-output/template-metadata.json",
                "capi-output/rocky-8-k130/rockylinux-8-kube-v1.30.4.ova",
                null);
        FreeStyleBuild b = buildWith(r, new CapiImageAction(1, RUN_ID, report, true, false));

        JSONObject json = getJson(r, b.getUrl() + "capiImage/api/json");
        assertEquals("SUCCEEDED", json.getString("outcome"));
        assertEquals("capi-output/template-metadata.json", json.getString("metadataArtifact"));
        Object ova = json.opt("ovaArtifact");
        assertTrue(ova == null || JSONNull.getInstance().equals(ova), "OVA was not archived: " + json);
        JSONObject template = json.getJSONObject("template");
        assertEquals("rocky-8-k130", template.getString("templateName"));
        assertEquals("/Datacenter/vm/templates/rocky-8-k130", template.getString("templateInventoryPath"));
        assertEquals("1.30.4", template.getString("kubernetesVersion"));
        assertEquals(SHA, template.getString("ovaSha256"));
        assertEquals(
                1_932_735_283L, template.getJSONArray("files").getJSONObject(0).getLong("sizeBytes"));
        assertEquals(
                754_000L, json.getJSONArray("phaseTimings").getJSONObject(0).getLong("millis"));

        String page = get(r, b.getUrl() + "capiImage/").body();
        assertTrue(page.contains("/Datacenter/vm/templates/rocky-8-k130"), "detail page shows the inventory path");
        assertTrue(page.contains("1.8 GiB"), "detail page shows file sizes");
        String buildPage = get(r, b.getUrl()).body();
        assertTrue(buildPage.contains("rocky-8-k130"), "build page summary shows the template");
    }

    @Test
    void aFailedBuildShowsTheHint(JenkinsRule r) throws Exception {
        BuildReport report = new BuildReport(
                BuildReport.Outcome.FAILED,
                "img:v1",
                null,
                new FailureSummary(
                        "builder exited with 2",
                        2,
                        "OS_INSTALL",
                        "ip-timeout",
                        "the VM never got an IP address",
                        "check DHCP on the vCenter network",
                        "Timeout waiting for IP."),
                List.of(),
                List.of(),
                null,
                null,
                null);
        FreeStyleBuild b = buildWith(r, new CapiImageAction(1, RUN_ID, report, false, false));

        JSONObject failure = getJson(r, b.getUrl() + "capiImage/api/json").getJSONObject("failure");
        assertEquals("ip-timeout", failure.getString("hintCategory"));
        assertEquals(2, failure.getInt("exitCode"));
        assertTrue(get(r, b.getUrl() + "capiImage/").body().contains("check DHCP on the vCenter network"));
    }

    /** Every publication, the build's verdict on them, on the REST API, the action's page and the build page. */
    @Test
    void restApiAndPagesShowEveryPublication(JenkinsRule r) throws Exception {
        BuildReport report = Reports.succeeded("rocky-8", "capi-output/template-metadata.json", null)
                .withPublications(
                        List.of(
                                publication(
                                        "imageconfig", "published", "/DC0/vm/Templates/rocky-8-k130-7", "published"),
                                publication(
                                        "publish target 1 (dr.example.com)",
                                        "failed",
                                        null,
                                        "cannot log in to dr.example.com")),
                        false);
        FreeStyleBuild b = buildWith(r, new CapiImageAction(1, RUN_ID, report, true, false));

        JSONObject json = getJson(r, b.getUrl() + "capiImage/api/json");
        assertEquals(false, json.getBoolean("published"));
        JSONObject failed = json.getJSONArray("publications").getJSONObject(1);
        assertEquals("publish target 1 (dr.example.com)", failed.getString("target"));
        assertEquals("failed", failed.getString("outcome"));
        assertEquals(
                "/DC0/vm/Templates/rocky-8-k130-7",
                json.getJSONArray("publications").getJSONObject(0).getString("inventoryPath"));
        String page = get(r, b.getUrl() + "capiImage/").body();
        assertTrue(page.contains("cannot log in to dr.example.com"), "the page shows each target's message");
        assertTrue(get(r, b.getUrl()).body().contains("/DC0/vm/Templates/rocky-8-k130-7"), "the build page too");
    }

    /** What the check for the build VM found, on the REST API and the action's page. */
    @Test
    void restApiAndPageShowTheBuildVm(JenkinsRule r) throws Exception {
        String line = "vCenter vc.example.com: the build left VM /DC0/vm/Templates/rocky-8 (vm-75, poweredOn) behind";
        BuildReport report = new BuildReport(
                        BuildReport.Outcome.FAILED,
                        "img:v1",
                        null,
                        FailureSummary.of("the builder container exited with code 2"),
                        List.of(),
                        List.of(),
                        null,
                        null,
                        null)
                .withBuildVm(new BuildVmSummary(
                        "vc.example.com",
                        "rocky-8",
                        "/DC0/vm/Templates",
                        false,
                        List.of(new BuildVmSummary.Vm(
                                "vm-75",
                                "/DC0/vm/Templates/rocky-8",
                                "poweredOn",
                                false,
                                "2026-11-28T01:05:00Z",
                                "LEFT_BEHIND",
                                null)),
                        List.of(line),
                        1));
        FreeStyleBuild b = buildWith(r, new CapiImageAction(1, RUN_ID, report, false, false));

        JSONObject vm = getJson(r, b.getUrl() + "capiImage/api/json").getJSONObject("buildVm");
        assertEquals(1, vm.getInt("remaining"));
        assertEquals("LEFT_BEHIND", vm.getJSONArray("vms").getJSONObject(0).getString("disposition"));
        assertEquals(
                "/DC0/vm/Templates/rocky-8",
                vm.getJSONArray("vms").getJSONObject(0).getString("inventoryPath"));
        assertTrue(get(r, b.getUrl() + "capiImage/").body().contains("vm-75"), "the page lists the VM");
    }

    private static PublicationSummary publication(String target, String outcome, String path, String message) {
        return new PublicationSummary(
                target,
                "vc.example.com",
                outcome,
                path,
                null,
                "ova",
                null,
                null,
                List.of(),
                0,
                0,
                List.of(),
                path,
                message);
    }

    @Test
    void theActionIsStoredWithTheBuildAndReloaded(JenkinsRule r) throws Exception {
        BuildReport report = new BuildReport(
                BuildReport.Outcome.TIMED_OUT,
                "img:v1",
                null,
                new FailureSummary("timed out after 180 minutes", null, "PROVISIONING", null, null, null, null),
                List.of(),
                List.of(),
                null,
                null,
                null);
        FreeStyleBuild b = buildWith(r, new CapiImageAction(1, RUN_ID, report, false, false));
        assertTrue(
                Files.readString(b.getRootDir().toPath().resolve("build.xml")).contains("timed out after 180"));
        b.reload();
        CapiImageAction reloaded = b.getAction(CapiImageAction.class);
        assertEquals("TIMED_OUT", reloaded.getOutcome());
        assertEquals(b, reloaded.getRun());
    }

    /** Every segment of an artifact link is URL-encoded, so names with {@code #}, {@code ?}, {@code %} work. */
    @Test
    void artifactLinksAreEncodedSegmentBySegment() {
        assertEquals(
                "capi-output/rocky%208%20%231/x%3Fy%25z.ova".toLowerCase(Locale.ROOT),
                CapiImageAction.href("capi-output/rocky 8 #1/x?y%z.ova").toLowerCase(Locale.ROOT));
        assertEquals("capi-output/template-metadata.json", CapiImageAction.href("capi-output/template-metadata.json"));
    }

    @Test
    void thePageLinksTheArchivedOvaByItsEncodedPath(JenkinsRule r) throws Exception {
        BuildReport report = Reports.succeeded(
                "rocky 8 #1", "capi-output/template-metadata.json", "capi-output/rocky 8 #1/x?y%z.ova");
        FreeStyleBuild b = buildWith(r, new CapiImageAction(1, RUN_ID, report, true, true));
        String page = get(r, b.getUrl() + "capiImage/").body();
        assertTrue(
                page.contains("artifact/capi-output/rocky%208%20%231/x%3Fy%25z.ova")
                        || page.contains("artifact/capi-output/rocky%208%20%231/x%3fy%25z.ova"),
                page);
    }

    /** Several image builds in one Jenkins build: each action has its own page and REST API. */
    @Test
    void everyImageBuildOfARunHasItsOwnPageAndApi(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new AttachByName("rocky-8-first"));
        p.getBuildersList().add(new AttachByName("rocky-8-second"));
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        JSONObject first = getJson(r, b.getUrl() + "capiImage/api/json");
        JSONObject second = getJson(r, b.getUrl() + "capiImage-2/api/json");
        assertEquals("rocky-8-first", first.getJSONObject("template").getString("templateName"));
        assertEquals("rocky-8-second", second.getJSONObject("template").getString("templateName"));
        assertEquals("capiImage-2", second.getString("urlName"));
        String buildPage = get(r, b.getUrl()).body();
        assertTrue(buildPage.contains("rocky-8-first") && buildPage.contains("rocky-8-second"), "both summaries");
    }

    private static FreeStyleBuild buildWith(JenkinsRule r, CapiImageAction action) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new AttachAction(action));
        return r.buildAndAssertSuccess(p);
    }

    private static JSONObject getJson(JenkinsRule r, String path) throws Exception {
        HttpResponse<String> response = get(r, path);
        assertEquals(200, response.statusCode(), path);
        return JSONObject.fromObject(response.body());
    }

    private static HttpResponse<String> get(JenkinsRule r, String path) throws Exception {
        URI uri = r.getURL().toURI().resolve(path);
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stands in for one image build: attaches its action the way a real build does. */
    private static final class AttachByName extends TestBuilder {
        private final String templateName;

        AttachByName(String templateName) {
            this.templateName = templateName;
        }

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) {
            CapiImageAction.attach(build, RUN_ID, Reports.succeeded(templateName, null, null), false, false);
            return true;
        }
    }

    /** Stands in for the image build: attaches a prepared action to the build. */
    private static final class AttachAction extends TestBuilder {
        private final transient CapiImageAction action;

        AttachAction(CapiImageAction action) {
            this.action = action;
        }

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) {
            build.addAction(action);
            return true;
        }
    }
}
