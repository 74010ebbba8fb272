#!/usr/bin/env bash
# OVA import benchmark: this project's import (OvfImport + HttpNfcLease, streamed from the OVA's tar) against
# govc import.ova (govmomi v0.56.0) on the same multi-GB OVA into the same vcsim, taking turns each round.
# Usage: bench/publish-import.sh [SIZE_GIB (default 3)] [RUNS (default 3)]
# Prints per round: seconds, MB/s, max RSS, and our peak Java heap; then medians and the ratios. Ours runs two
# ways in every round: a fresh JVM per import (what the CLI pays, JIT warm-up included) and one import in a JVM
# that stays up across rounds after a first, uncounted import (what a long-running Jenkins agent pays). Extra
# disk: each fresh process runs with an empty TMPDIR and working folder, whose growth is measured after the run.
# docs/performance.md ("OVA import into vCenter") records the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_gib=${1:-3}
runs=${2:-3}
bytes=$((size_gib << 30))

work=$(mktemp -d)
sim_pid=
cleanup() { [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== machine"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /cpu: /'
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | sed -n 1p
go version

echo "== building vcsim, govc (govmomi v0.56.0 command packages) and the test classes"
bash "$root/tools/vcsim/build.sh" >/dev/null
(cd "$root/bench/publish-govc" && { [[ -x govc && govc -nt main.go ]] || go build -buildvcs=false -o govc .; })
(cd "$root/core" && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null)
# a copy, so that a build in the worktree while the benchmark runs cannot pull classes from under it
cp -r "$root/core/target/classes" "$work/classes"; cp -r "$root/core/target/test-classes" "$work/test-classes"
cp="$work/classes:$work/test-classes:$(cat "$work/cp")"
govc="$root/bench/publish-govc/govc"
bench=io.jenkins.plugins.capi.bench.PublishImportBenchmark

echo "== the OVA: ${size_gib} GiB disk (sparse: read as zeros, no disk space), OVF descriptor first"
ova=$(java -cp "$cp" $bench write "$work" bench-image "$bytes")
ls -ls "$ova"

export VCENTER_USER=jenkins VCENTER_PASSWORD="bench-$RANDOM-pw"
"$root/tools/vcsim/vcsim" -l 127.0.0.1:0 -username "$VCENTER_USER" -password "$VCENTER_PASSWORD" \
  -write-cert "$work/ca.pem" > "$work/sim.out" 2> "$work/sim.err" &
sim_pid=$!
for _ in $(seq 100); do grep -q CAPI_VCSIM_URL "$work/sim.out" && break; sleep 0.1; done
server=$(sed -n 's#CAPI_VCSIM_URL=https://\([^/]*\)/sdk#\1#p' "$work/sim.out")
echo "vcsim at $server"
export GOVC_URL="https://$server/sdk" GOVC_USERNAME="$VCENTER_USER" GOVC_PASSWORD="$VCENTER_PASSWORD" \
  GOVC_TLS_CA_CERTS="$work/ca.pem" GOVC_DATACENTER=DC0

# runs "$@" in an empty TMPDIR/working folder under /usr/bin/time; prints "seconds maxrss_kb extra_disk_bytes"
measure() {
  local d="$work/run"; rm -rf "$d"; mkdir -p "$d/tmp"
  local start end empty
  empty=$(du -sb "$d" | cut -f1)
  start=$(date +%s.%N)
  (cd "$d" && TMPDIR="$d/tmp" /usr/bin/time -f '%M' -o "$work/rss" "$@" > "$work/out" 2> "$work/err") \
    || { echo "failed: $*" >&2; cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  printf "%s %s %s\n" "$(echo "$end - $start" | bc)" "$(tail -1 "$work/rss")" "$(( $(du -sb "$d" | cut -f1) - empty ))"
}

echo "== a long-running JVM (-Xmx64m) for the warm imports; its first import warms the JIT and is not counted"
coproc WARM { java -Xmx64m -XX:+UseSerialGC -cp "$cp" $bench serve "$server" "$work/ca.pem" "$ova" 2>"$work/warm.err"; }
echo warm-0 >&"${WARM[1]}"; read -r first <&"${WARM[0]}"
echo "warm-up import: ${first%% *} s"

echo "== $runs rounds, taking turns: ours in a fresh JVM (-Xmx64m) | ours in the warm JVM | govc import.ova"
: > "$work/ours"; : > "$work/warm"; : > "$work/govc"
for i in $(seq "$runs"); do
  read -r s rss disk < <(measure java -Xmx64m -XX:+UseSerialGC -cp "$cp" $bench import "$server" "$work/ca.pem" "$ova" "ours-$i")
  heap=$(awk '{print $3}' "$work/out")
  echo "$s $rss $disk $heap" >> "$work/ours"
  echo "warm-$i" >&"${WARM[1]}"; read -r w _ wheap <&"${WARM[0]}"
  echo "$w $wheap" >> "$work/warm"
  read -r g grss gdisk < <(measure "$govc" import.ova -ds LocalDS_0 -pool /DC0/host/DC0_C0/Resources -folder /DC0/vm -name "govc-$i" "$ova")
  "$govc" vm.destroy "govc-$i"
  echo "$g $grss $gdisk" >> "$work/govc"
  printf 'round %d: fresh %6.2f s %4.0f MB/s rss %3d MiB heap-peak %2d MiB disk+%s | warm %6.2f s %4.0f MB/s heap-peak %2d MiB | govc %6.2f s %4.0f MB/s rss %3d MiB disk+%s (load %s)\n' \
    "$i" "$s" "$(echo "$bytes / $s / 1000000" | bc -l)" $((rss / 1024)) $((heap >> 20)) "$disk" \
    "$w" "$(echo "$bytes / $w / 1000000" | bc -l)" $((wheap >> 20)) \
    "$g" "$(echo "$bytes / $g / 1000000" | bc -l)" $((grss / 1024)) "$gdisk" "$(cut -d' ' -f1 /proc/loadavg)"
done
exec {WARM[1]}>&-

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }
mo=$(cut -d' ' -f1 "$work/ours" | median)
mg=$(cut -d' ' -f1 "$work/govc" | median)
mw=$(cut -d' ' -f1 "$work/warm" | median)
printf 'median ours fresh JVM %s s (%.0f MB/s), ours warm JVM %s s (%.0f MB/s), govc %s s (%.0f MB/s)\n' \
  "$mo" "$(echo "$bytes / $mo / 1000000" | bc -l)" "$mw" "$(echo "$bytes / $mw / 1000000" | bc -l)" \
  "$mg" "$(echo "$bytes / $mg / 1000000" | bc -l)"
printf 'throughput ratio ours/govc: fresh JVM %.2f, warm JVM %.2f\n' "$(echo "$mg / $mo" | bc -l)" "$(echo "$mg / $mw" | bc -l)"
