# Reads the imageconfig the runner renders (key=value lines, '#' comments, values bare or shell-quoted:
# '...' with '\'' for an embedded quote, or "...") and either prints one value or the Packer variables file.
#   awk -v mode=get -v key=os_version -f imageconfig.awk imageconfig    one value (empty when unset)
#   awk -v mode=vars -f imageconfig.awk imageconfig                      the JSON variables for packer-node.json
# The variables file holds the vCenter password: write it inside the container only, never to the output folder.

function unquote(v) {
    if (v ~ /^'.*'$/ && length(v) >= 2) {
        v = substr(v, 2, length(v) - 2)
        gsub(/'\\''/, "'", v)
    } else if (v ~ /^".*"$/ && length(v) >= 2) {
        v = substr(v, 2, length(v) - 2)
    }
    return v
}

function json(v) {
    gsub(/\\/, "\\\\", v)
    gsub(/"/, "\\\"", v)
    gsub(/\t/, "\\t", v)
    return "\"" v "\""
}

function dflt(v, d) { return v == "" ? d : v }

{
    line = $0
    sub(/^[ \t]+/, "", line)
    if (line ~ /^#/ || index(line, "=") < 2) next
    k = substr(line, 1, index(line, "=") - 1)
    conf[k] = unquote(substr(line, index(line, "=") + 1))
}

END {
    if (mode == "get") {
        print conf[key]
        exit 0
    }
    os = dflt(conf["os_version"], "rockylinux-8")
    distro = os; sub(/-[^-]*$/, "", distro)
    version = os; sub(/^.*-/, "", version)
    k8s = conf["k8s_version"]; sub(/^v/, "", k8s)
    out = "/home/imagebuilder/output/" conf["image_name"]
    n = 0
    v[++n] = "vcenter_server";          x[n] = conf["vcenter_server"]
    v[++n] = "username";                x[n] = conf["vcenter_user"]
    v[++n] = "password";                x[n] = conf["vcenter_password"]
    v[++n] = "datacenter";              x[n] = conf["vcenter_datacenter"]
    v[++n] = "cluster";                 x[n] = conf["vcenter_cluster"]
    v[++n] = "resource_pool";           x[n] = conf["vcenter_resource_pool"]
    v[++n] = "datastore";               x[n] = conf["vcenter_datastore"]
    v[++n] = "folder";                  x[n] = conf["vcenter_folder"]
    v[++n] = "network";                 x[n] = conf["vcenter_network"]
    v[++n] = "template";                x[n] = conf["vcenter_template"]
    v[++n] = "insecure_connection";     x[n] = dflt(conf["packer_insecure_connection"], "true")
    v[++n] = "convert_to_template";     x[n] = dflt(conf["packer_convert_to_template"], "true")
    v[++n] = "ip_wait_timeout";         x[n] = dflt(conf["packer_ip_wait_timeout"], "30m")
    v[++n] = "iso_url";                 x[n] = conf["iso_name"] == "" ? "" : "file:///home/imagebuilder/output/" conf["iso_name"]
    v[++n] = "iso_checksum";            x[n] = conf["iso_checksum"]
    v[++n] = "build_version";           x[n] = conf["image_name"]
    v[++n] = "output_dir";              x[n] = out
    v[++n] = "build_name";              x[n] = os
    v[++n] = "distro_name";             x[n] = distro
    v[++n] = "distro_version";          x[n] = version
    v[++n] = "kubernetes_semver";       x[n] = "v" k8s
    v[++n] = "kubernetes_typed_version"; x[n] = "kube-v" k8s
    v[++n] = "kubernetes_cni_semver";   x[n] = "v" conf["cni_version"]
    v[++n] = "containerd_version";      x[n] = conf["containerd_version"]
    v[++n] = "guest_os_type";           x[n] = distro "-64"
    v[++n] = "vsphere_guest_os_type";   x[n] = distro "_64Guest"
    v[++n] = "os_display_name";         x[n] = distro " " version
    printf "{\n"
    for (i = 1; i <= n; i++) printf "  %s: %s%s\n", json(v[i]), json(x[i]), i < n ? "," : ""
    printf "}\n"
}
