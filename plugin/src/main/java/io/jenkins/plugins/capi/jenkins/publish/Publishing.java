package io.jenkins.plugins.capi.jenkins.publish;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.capi.jenkins.Messages;
import io.jenkins.plugins.capi.publish.NamePattern;
import io.jenkins.plugins.capi.publish.OnExisting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The {@code publish} block of both steps (and of {@code capiImagePublish}): what to make of a built image in vCenter
 * (core's {@link io.jenkins.plugins.capi.publish.PublishSettings}). In a script a map, e.g.
 * {@code publish: [namePattern: '{os}-kube-v{k8s}-{build}', keep: 3, targets: [[server: …]]]}, or the same arguments
 * to {@code vcenterPublish(…)}, as the Snippet Generator writes it.
 */
public final class Publishing implements Describable<Publishing> {

    /** {@code onExisting} as the form and scripts write it. */
    static final String DEFAULT_ON_EXISTING = OnExisting.FAIL.toString();

    private String namePattern;
    private String onExisting = DEFAULT_ON_EXISTING;
    private int keep;
    private String contentLibrary;
    private boolean toConfigVcenter = true;
    // ArrayList on purpose: stored in config.xml (XStream) and compared by value in round trips.
    private ArrayList<VcenterTarget> targets = new ArrayList<>();

    /** Every field has a default: an empty block publishes to the imageconfig's vCenter under the builder's name. */
    @DataBoundConstructor
    public Publishing() {}

    /** The template name with {@code {os}}, {@code {k8s}}, {@code {image_name}}, {@code {build}}, {@code {date}}. */
    public String getNamePattern() {
        return namePattern;
    }

    @DataBoundSetter
    public void setNamePattern(String namePattern) {
        this.namePattern = Util.fixEmptyAndTrim(namePattern);
    }

    /** {@code fail}, {@code replace} or {@code skip}, in any case; core reads it. */
    public String getOnExisting() {
        return onExisting;
    }

    /** @throws IllegalArgumentException naming the good values, from core's reading of the value */
    @DataBoundSetter
    public void setOnExisting(String onExisting) {
        this.onExisting = Util.fixEmptyAndTrim(onExisting) == null
                ? DEFAULT_ON_EXISTING
                : OnExisting.parse(onExisting).toString();
    }

    /** How many templates of the image to keep in each target folder; 0 keeps all. */
    public int getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(int keep) {
        this.keep = keep;
    }

    public String getContentLibrary() {
        return contentLibrary;
    }

    @DataBoundSetter
    public void setContentLibrary(String contentLibrary) {
        this.contentLibrary = Util.fixEmptyAndTrim(contentLibrary);
    }

    /** Publish to the imageconfig's own vCenter too (with the step's vCenter credentials). */
    public boolean isToConfigVcenter() {
        return toConfigVcenter;
    }

    @DataBoundSetter
    public void setToConfigVcenter(boolean toConfigVcenter) {
        this.toConfigVcenter = toConfigVcenter;
    }

    public List<VcenterTarget> getTargets() {
        return Collections.unmodifiableList(targets);
    }

    @DataBoundSetter
    public void setTargets(List<VcenterTarget> targets) {
        this.targets = targets == null ? new ArrayList<>() : new ArrayList<>(targets);
    }

    /**
     * The symbol makes the Snippet Generator write the block as {@code vcenterPublish(…)}: written as a map, a block
     * with nothing but defaults would come out as {@code []}, which Groovy reads as a list.
     */
    @Extension
    @Symbol("vcenterPublish")
    public static final class DescriptorImpl extends Descriptor<Publishing> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Publishing_DisplayName();
        }

        @POST
        public FormValidation doCheckNamePattern(@QueryParameter String value) {
            String v = Util.fixEmptyAndTrim(value);
            if (v == null) {
                return FormValidation.ok(Messages.Check_NamePattern_Blank());
            }
            Optional<String> problem = NamePattern.problem(v);
            return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
        }

        public ListBoxModel doFillOnExistingItems() {
            ListBoxModel items = new ListBoxModel();
            for (OnExisting o : OnExisting.values()) {
                items.add(o.toString());
            }
            return items;
        }

        @POST
        public FormValidation doCheckKeep(@QueryParameter String value) {
            String v = Util.fixEmptyAndTrim(value);
            if (v == null || v.equals("0")) {
                return FormValidation.ok(Messages.Check_Keep_All());
            }
            return FormValidation.validateNonNegativeInteger(v);
        }

        @POST
        public FormValidation doCheckToConfigVcenter(@QueryParameter boolean value) {
            return value ? FormValidation.ok() : FormValidation.ok(Messages.Check_ToConfigVcenter_Off());
        }
    }
}
