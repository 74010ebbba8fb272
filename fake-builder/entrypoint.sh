#!/bin/sh
# Fake CAPI Image Builder entrypoint (busybox sh). Honours the vendor's run contract: no command, reads
# /home/imagebuilder/output/imageconfig, prints packer/ansible lines like KIB, writes the documented files
# to /home/imagebuilder/output/<image_name>/. Behaviour is chosen by words in image_name (docs/container.md, "The fake builder").
# The Packer lines are the ones real Packer 1.9.4 prints for KIB's JSON template with colour off (build name
# vsphere-iso.vsphere, plugin v1.4.2 or, with `legacy`, the older wording of v1.1.1), captured against the simulator;
# steps the simulator cannot run (SSH, provisioning, export) are worded as the plugin's source words them.
OUT=/home/imagebuilder/output
CONF="$OUT/imageconfig"
START=$(date +%s)

if [ ! -r "$CONF" ]; then
    echo "Error: $CONF not found or not readable; mount the output folder at $OUT" >&2
    exit 1
fi

# key=value lines, '#' comments, optional single or double quotes around the value
conf() {
    sed -n "s/^[[:space:]]*$1=//p" "$CONF" | tail -n 1 | sed -e "s/^'\(.*\)'\$/\1/" -e 's/^"\(.*\)"$/\1/'
}

IMAGE_NAME=$(conf image_name)
OS_VERSION=$(conf os_version)
K8S=$(conf k8s_version)
CNI=$(conf cni_version)
CONTAINERD=$(conf containerd_version)
VC_SERVER=$(conf vcenter_server)
VC_USER=$(conf vcenter_user)
VC_PASSWORD=$(conf vcenter_password)
VC_DATASTORE=$(conf vcenter_datastore)
ISO_NAME=$(conf iso_name)
ISO_CHECKSUM=$(conf iso_checksum)
STEP=${FAKE_STEP_SECONDS:-$(conf fake_step_seconds)}
STEP=${STEP:-0.2}
SILENCE=$(conf fake_silence_seconds); SILENCE=${SILENCE:-20}
LOG_MB=$(conf fake_log_mb); LOG_MB=${LOG_MB:-100}
: "${IMAGE_NAME:=rocky-8}" "${OS_VERSION:=rockylinux-8}" "${K8S:=1.30.4}" "${CNI:=1.3.0}" "${CONTAINERD:=1.7.13}"

has() { case "$IMAGE_NAME" in *"$1"*) return 0;; esac; return 1; }
LEGACY=0; has legacy && LEGACY=1
# new (plugin >= 1.2.5) or legacy (<= 1.2.4) wording of the vSphere plugin
w() { if [ "$LEGACY" = 1 ]; then echo "$1"; else echo "$2"; fi; }

# sleep in the background so a trapped SIGTERM is handled at once, not after the sleep
pause() { sleep "${1:-$STEP}" & wait $!; }
elapsed() { echo "$(( $(date +%s) - START )) seconds"; }
# Packer names a JSON template's build <type>.<name> when the two differ: KIB's builder `vsphere` is vsphere-iso
B=vsphere-iso.vsphere
say() { echo "==> $B: $*"; pause; }
msg() { echo "    $B: $*"; }
MAKE_ERROR="make: *** [Makefile:44: build-node-ova-vsphere-$OS_VERSION] Error 1"

# Packer's clean-up of a VM it created: boot order, power, destroy; v1.4.2 then closes its vCenter sessions
destroy_vm() {
    echo "==> $B: $(w 'Clear boot order...' 'Clearing boot order...')"
    echo "==> $B: $(w 'Power off VM...' 'Powering off virtual machine...')"
    echo "==> $B: Destroying VM..."
    close_sessions
}
close_sessions() { [ "$LEGACY" = 1 ] || msg "Closing sessions ...."; }

# SIGTERM reaches Packer: it cancels, cleans up and exits 1; make, PID 1 in KIB's image, then exits 2.
on_term() {
    echo "Cancelling build after receiving terminated"
    destroy_vm
    echo "Build '$B' errored after $(elapsed): context canceled"
    echo ""
    echo "==> Wait completed after $(elapsed)"
    echo "Cleanly cancelled builds after being interrupted."
    echo "$MAKE_ERROR" >&2
    exit 2
}
if has sigterm-ignore; then trap '' TERM; else trap on_term TERM; fi

fail_build() {  # $1 = error text after "errored after <dur>: "; $2 = "no-vm" when no VM was created yet
    if [ "${2:-}" = no-vm ]; then close_sessions; else destroy_vm; fi
    echo "Build '$B' errored after $(elapsed): $1"
    echo ""
    echo "==> Wait completed after $(elapsed)"
    echo ""
    echo "==> Some builds didn't complete successfully and had errors:"
    echo "--> $B: $1"
    echo ""
    echo "==> Builds finished but no artifacts were created."
    echo "$MAKE_ERROR" >&2
    exit 2
}

VM=$IMAGE_NAME
OVA_BASE="$OS_VERSION-kube-v$K8S"
DIR="$OUT/$IMAGE_NAME"

echo "Reading imageconfig from $CONF"
# Some builders print their whole config: the tests check that every secret in it is masked.
if [ "$(conf fake_print_config)" = true ]; then sed 's/^/    config: /' "$CONF"; fi
echo "hack/ensure-ansible.sh"
echo "hack/ensure-packer.sh"
echo "packer init packer/config.pkr.hcl"
# KIB echoes the full packer command line, variables included: this is why the runner masks secrets.
echo "packer build -color=false -var-file=packer/ova/packer-common.json -var-file=packer/ova/$OS_VERSION.json -var vcenter_server=$VC_SERVER -var username=$VC_USER -var password=$VC_PASSWORD -only=vsphere packer/ova/packer-node.json"
pause
# no "vsphere: output will be in this color." banner: Packer prints it only with colour on

if has fail-vcenter-login; then
    pause
    fail_build "ServerFaultCode: Cannot complete login due to an incorrect user name or password." no-vm
fi

if [ -n "$ISO_NAME" ] && [ -f "$OUT/$ISO_NAME" ]; then
    # shows which file the build sees and whether it could change it (an external ISO is mounted read-only)
    if (: >> "$OUT/$ISO_NAME") 2>/dev/null; then iso_rw=yes; else iso_rw=no; fi
    echo "    $B: ISO $ISO_NAME: $(stat -c %s "$OUT/$ISO_NAME") bytes, sha256 $(sha256sum "$OUT/$ISO_NAME" | cut -d' ' -f1), writable=$iso_rw"
fi
if [ -n "$ISO_NAME" ]; then
    url="file:///home/imagebuilder/output/$ISO_NAME"
    say "Retrieving ISO"
    say "Trying $url"
    say "Trying $url?checksum=sha256%3A$ISO_CHECKSUM"
    say "$url?checksum=sha256%3A$ISO_CHECKSUM => /home/imagebuilder/output/$ISO_NAME"
    if [ "$LEGACY" = 1 ]; then
        say "Uploading $ISO_NAME to packer_cache/$ISO_NAME"
    else
        say "Uploading $ISO_NAME to [${VC_DATASTORE:-datastore1}] packer_cache..."
        say "Remote cache directory does not exist; creating [${VC_DATASTORE:-datastore1}] packer_cache..."
    fi
fi
say "$(w 'Creating VM...' 'Creating virtual machine...')"
say "Customizing hardware..."
say "Mounting ISO images..."
say "Adding configuration parameters..."
say "Starting HTTP server on port 8321"
say "$(w 'Set boot order temporary...' 'Setting temporary boot order...')"
say "$(w 'Power on VM...' 'Powering on virtual machine...')"
say "Waiting 10s for boot..."
say "$(w 'HTTP server is working at http://10.10.0.5:8321/' 'Serving HTTP requests at http://10.10.0.5:8321/.')"
say "Typing boot command..."
echo "==> $B: Waiting for IP..."

if has fail-ip-timeout; then
    pause
    echo "==> $B: $(w 'Timeout waiting for IP.' 'timeout waiting for IP address')"
    fail_build "$(w 'Timeout waiting for IP.' 'timeout waiting for IP address')"
fi
if has sigterm; then
    # the OS install: wait here until stopped
    while :; do pause 1; done
fi
if has silent; then
    pause "$SILENCE"
fi
pause
say "IP address: 10.10.0.77"
say "Using SSH communicator to connect: 10.10.0.77"
say "Waiting for SSH to become available..."
say "Connected to SSH!"
say "Provisioning with Ansible..."
msg "Setting up proxy adapter for Ansible...."
echo "==> $B: Executing Ansible: ansible-playbook -e packer_build_name=\"vsphere\" -e packer_builder_type=vsphere-iso --extra-vars vcenter_password=$VC_PASSWORD /home/imagebuilder/ansible/node.yml"
msg ""
msg "PLAY [all] *********************************************************************"
for t in "firstboot : Install cloud-init" "setup : perform a dist-upgrade" "node : Ensure modules are loaded" \
         "providers : Install cloud-init packages" "containerd : download containerd" "kubernetes : Install Kubernetes" \
         "sysprep : Truncate machine id"; do
    msg "TASK [$t] ***"
    if [ "$t" = "containerd : download containerd" ] && has fail-ansible; then
        msg "fatal: [default]: FAILED! => {\"changed\": false, \"msg\": \"The checksum format is invalid\"}"
        msg ""
        msg "PLAY RECAP *********************************************************************"
        msg "default                    : ok=41   changed=30   unreachable=0    failed=1    skipped=12   rescued=0    ignored=0"
        msg ""
        fail_build "Error executing Ansible: Non-zero exit status: exit status 2"
    fi
    if [ "$t" = "providers : Install cloud-init packages" ] && has log-flood; then
        # LOG_MB MiB of task output, as fast as the engine takes it
        yes "    $B: ok: [default] => (item=open-vm-tools) flooding the log to test pipeline volume" \
            | head -c $((LOG_MB * 1048576))
        echo ""
    fi
    msg "changed: [default]"
    pause
done
msg "PLAY RECAP *********************************************************************"
msg "default                    : ok=212  changed=140  unreachable=0    failed=0    skipped=88   rescued=0    ignored=0"
say "Provisioning with Goss"
say "Running goss tests..."
msg "Goss validate ran successfully"
say "$(w 'Executing shutdown command...' 'Running shutdown command...')"
say "$(w 'Eject CD-ROM drives...' 'Ejecting CD-ROM media...')"

mkdir -p "$DIR" || exit 1
if [ "$LEGACY" = 1 ]; then
    msg "Starting export..."
    msg "Downloading: $VM-disk-0.vmdk"
    msg "Exporting file: $VM-disk-0.vmdk"
    msg "Writing ovf..."
else
    say "Exporting to Open Virtualization Format (OVF)..."
    msg "Downloading $VM-disk-0.vmdk..."
    msg "Exporting $VM-disk-0.vmdk..."
    msg "Writing OVF descriptor $VM.ovf..."
fi
dd if=/dev/urandom of="$DIR/$VM-disk-0.vmdk" bs=65536 count=16 2>/dev/null
# A complete descriptor (CPU, memory, disk, NIC), so the OVA can be imported into vCenter (or the simulator).
sed -e "s/NAME/$VM/g" -e "s/SIZE/$(stat -c %s "$DIR/$VM-disk-0.vmdk")/g" /usr/local/share/capi-fake-build/vm.ovf > "$DIR/$VM.ovf"
[ "$LEGACY" = 1 ] || msg "Completed export to Open Virtualization Format (OVF): $VM.ovf"
say "$(w 'Clear boot order...' 'Clearing boot order...')"
close_sessions

say "Running post-processor: packer-manifest (type manifest)"
RUN_UUID=$(cat /proc/sys/kernel/random/uuid)
NOW=$(date +%s)
size() { stat -c %s "$1"; }
custom_data() {
    distro=${OS_VERSION%-*}; ver=${OS_VERSION##*-}
    cat <<EOF
{"build_date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "build_name": "$OS_VERSION", "build_timestamp": "$START",
 "containerd_version": "$CONTAINERD", "disk_size": "20480", "distro_arch": "amd64", "distro_name": "$distro",
 "distro_version": "$ver", "firmware": "bios", "guest_os_type": "$distro-64", "ib_version": "v0.1.42",
 "kubernetes_cni_semver": "v$CNI", "kubernetes_semver": "v$K8S", "kubernetes_source_type": "pkg",
 "kubernetes_typed_version": "kube-v$K8S", "os_name": "$distro $ver", "vsphere_guest_os_type": "${distro}_64Guest"}
EOF
}
# an older build entry first, as a reused output folder has it (packer appends without -force)
cat > "$DIR/packer-manifest.json" <<EOF
{
  "builds": [
    {"name": "vsphere", "builder_type": "vsphere-iso", "build_time": $((NOW - 86400)),
     "files": [{"name": "$VM-disk-0.vmdk", "size": 1}, {"name": "$VM.ovf", "size": 1}],
     "artifact_id": "$VM", "packer_run_uuid": "00000000-0000-4000-8000-000000000001",
     "custom_data": $(custom_data)},
    {"name": "vsphere", "builder_type": "vsphere-iso", "build_time": $NOW,
     "files": [{"name": "$VM-disk-0.vmdk", "size": $(size "$DIR/$VM-disk-0.vmdk")}, {"name": "$VM.ovf", "size": $(size "$DIR/$VM.ovf")}],
     "artifact_id": "$VM", "packer_run_uuid": "$RUN_UUID",
     "custom_data": $(custom_data)}
  ],
  "last_run_uuid": "$RUN_UUID"
}
EOF

say "Running post-processor: vsphere (type shell-local)"
echo "==> $B (shell-local): Running local shell script: /tmp/packer-shell$$"
if has fail-ova; then
    echo "==> $B (shell-local): Traceback (most recent call last):"
    echo "==> $B (shell-local):   File \"./hack/image-build-ova.py\", line 130, in main"
    echo "==> $B (shell-local): FileNotFoundError: [Errno 2] No such file or directory: '$OUT/$IMAGE_NAME/$VM-0.vmdk'"
    fail_build "1 error(s) occurred:

* Post-processor failed: Script exited with non-zero exit status: 1. Allowed exit codes are: [0]" no-vm
fi
pp() { echo "    $B (shell-local): $*"; }
pp "image-build-ova: loaded $OVA_BASE"
cp "$DIR/$VM.ovf" "$DIR/$OVA_BASE.ovf"
pp "image-build-ova: create ovf $OVA_BASE.ovf"
( cd "$DIR" && for f in "$OVA_BASE.ovf" "$VM-disk-0.vmdk"; do
      echo "SHA256($f)= $(sha256sum "$f" | cut -d' ' -f1)"; done > "$OVA_BASE.mf" )
pp "image-build-ova: create ova manifest $OVA_BASE.mf"
pp "image-build-ova: creating OVA using tar"
( cd "$DIR" && tar -cf "$OVA_BASE.ova" "$OVA_BASE.ovf" "$OVA_BASE.mf" "$VM-disk-0.vmdk" )
printf '%s' "$(sha256sum "$DIR/$OVA_BASE.ova" | cut -d' ' -f1)" > "$DIR/$OVA_BASE.ova.sha256"
pp "image-build-ova: create ova checksum $OVA_BASE.ova.sha256"
echo "Build '$B' finished after $(elapsed)."
echo ""
echo "==> Wait completed after $(elapsed)"
echo ""
echo "==> Builds finished. The artifacts of successful builds are:"
echo "--> $B: $VM"
echo "--> $B: $VM"
echo "--> $B: $VM"
exit 0
