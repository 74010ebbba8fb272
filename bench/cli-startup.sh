#!/usr/bin/env bash
# bench/cli-startup.sh - wall time of `capi-image-build validate` and `preflight` (JVM start included), this
# checkout's jar against the jar of an earlier commit, alternating in one hyperfine run against one simulator.
#
#   bench/cli-startup.sh [BASELINE_REV] [RUNS]     default 80a3059 (before the one-set-of-rules work), 15 runs
#
# Builds both jars (the baseline in a temporary git worktree) and the simulator, starts the simulator on
# 127.0.0.1 and stops it at the end. The config is one that both versions accept. Needs hyperfine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-80a3059}
runs=${2:-15}
command -v hyperfine >/dev/null || { echo "cli-startup: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }

work=$(mktemp -d /tmp/capi-cli-startup.XXXXXX)
cleanup() {
  exec 7>&- 2>/dev/null || true
  git -C "$repo" worktree remove --force "$work/baseline" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$repo" && mvn -q -B -DcoreOnly -DskipTests package)
git -C "$repo" worktree add -q --detach "$work/baseline" "$rev"
(cd "$work/baseline" && mvn -q -B -DcoreOnly -DskipTests package)
bash "$repo/tools/vcsim/build.sh" >/dev/null
new=$repo/core/target/capi-image-build.jar
old=$work/baseline/core/target/capi-image-build.jar

mkfifo "$work/vcsim-stdin"
"$repo/tools/vcsim/vcsim" -l 127.0.0.1:0 -username bench@vsphere.local -password 'Bench-S3cret-1' \
  -write-cert "$work/ca.pem" -folder templates -exit-on-stdin-eof <"$work/vcsim-stdin" >"$work/vcsim.out" 2>&1 &
exec 7>"$work/vcsim-stdin"   # the simulator stops when this descriptor closes
for _ in $(seq 100); do grep -q '^CAPI_VCSIM_URL=' "$work/vcsim.out" && break; sleep 0.1; done
server=$(sed -n 's|^CAPI_VCSIM_URL=https://\([^/]*\)/sdk$|\1|p' "$work/vcsim.out")
[[ -n $server ]] || { echo "cli-startup: the simulator did not start" >&2; cat "$work/vcsim.out" >&2; exit 1; }

head -c 4096 /dev/zero >"$work/Rocky-8.iso"
cat >"$work/imageconfig" <<EOF
os_version=rockylinux-8
image_type=standard
image_name=rocky-8-bench
cloud_type=vmware
k8s_version=1.30.4
cni_version=1.3.0
containerd_version=1.7.13
crictl_version=1.28.0
iso_name=Rocky-8.iso
iso_checksum=$(sha256sum "$work/Rocky-8.iso" | cut -d' ' -f1)
vcenter_server=$server
vcenter_datacenter=DC0
vcenter_datastore=LocalDS_0
vcenter_network='VM Network'
vcenter_folder=templates
vcenter_cluster=DC0_C0
vcenter_resource_pool=/DC0/host/DC0_C0/Resources
airgap=false
EOF
export VCENTER_USER=bench@vsphere.local VCENTER_PASSWORD='Bench-S3cret-1'
for jar in "$new" "$old"; do   # both must pass, or the timings compare different work
  java -jar "$jar" validate --config "$work/imageconfig" >/dev/null
  java -jar "$jar" preflight --config "$work/imageconfig" --ca-file "$work/ca.pem" 2>&1 | grep -q 'pre-flight passed'
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
hyperfine -N -w 2 -r "$runs" --export-json "$work/times.json" \
  -n "validate (this checkout)" "java -jar $new validate --config $work/imageconfig" \
  -n "validate ($rev)" "java -jar $old validate --config $work/imageconfig" \
  -n "preflight (this checkout)" "java -jar $new preflight --config $work/imageconfig --ca-file $work/ca.pem" \
  -n "preflight ($rev)" "java -jar $old preflight --config $work/imageconfig --ca-file $work/ca.pem"
# medians too: one slow outlier on a busy machine moves a mean
python3 -c 'import json,statistics,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("median %-28s %6.0f ms" % (r["command"], statistics.median(r["times"]) * 1000))' "$work/times.json"
