#!/usr/bin/env bash
# Loading the builder image from a multi-GB air-gap archive (docs/performance.md, "Air-gap archive loading"):
# ours (the .tgz read once for the checks, then its builder tar streamed into the engine's image-load API while
# rpmrepo/, kickstart/ and output/imageconfig are extracted) against the vendor's procedure (tar -xzf of the whole
# archive, then docker load of the extracted tar), taking turns on the same archive.
#
#   bash bench/airgap-load.sh [SIZE_GB=2.5] [ROUNDS=3]
#
# Needs the engine (bash .ci/engine up) and, at the peak of the set-up, about 4 x SIZE_GB of free disk in
# BENCH_TMP (default /var/tmp) and /var/lib/docker. Everything it makes, images included, is removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mb=$(awk "BEGIN { print int(${1:-2.5} * 1000) }")
rounds=${2:-3}
tmp=$(mktemp -d "${BENCH_TMP:-/var/tmp}/capi-airgap-bench.XXXXXX")
TAG=v9.9.$((1000 + RANDOM % 9000))
SOURCE=localhost/capi-bench-airgap:$TAG
ENGINE_TMP=/var/lib/docker/tmp

sampler=
cleanup() {
    rm -f "$tmp/sampling"
    [ -n "$sampler" ] && wait "$sampler" 2>/dev/null
    docker rmi -f "$SOURCE" "localhost/capi-builder:$TAG" "localhost/$TAG:latest" >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT
now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }
gb() { awk "BEGIN { printf \"%.2f GB\", $1 / 1e9 }"; }

echo "== set-up: a $(gb "${size_mb}e6") builder image, saved and packed like the vendor's archive (tag $TAG)"
mkdir -p "$tmp/rootfs/opt/payload" "$tmp/pack/rpmrepo/Packages" "$tmp/pack/kickstart" "$tmp/pack/output"
# 40 % incompressible (binaries), 30 % base64 text, 30 % repetitive text: gzip keeps about 62 % of it
head -c "$((size_mb * 4 / 10))M" /dev/urandom >"$tmp/rootfs/opt/payload/binaries"
head -c "$((size_mb * 3 / 10 * 3 / 4))M" /dev/urandom | base64 -w 76 >"$tmp/rootfs/opt/payload/text"
# (yes ends on SIGPIPE when head has enough)
yes '    vsphere: ok: [default] => (item=open-vm-tools)' | head -c "$((size_mb * 3 / 10))M" >"$tmp/rootfs/opt/payload/log" || true
tar -C "$tmp/rootfs" -cf - . | docker import - "$SOURCE" >/dev/null
rm -rf "$tmp/rootfs"
docker tag "$SOURCE" "localhost/$TAG:latest"
docker save -o "$tmp/pack/capi-builder-$TAG.tar" "localhost/$TAG:latest"
docker rmi "localhost/$TAG:latest" "$SOURCE" >/dev/null
for p in kubernetes-cni-1.3.0-150500.1.1.x86_64 kubelet-1.30.4-150500.1.1.x86_64; do
    head -c 20M /dev/urandom >"$tmp/pack/rpmrepo/Packages/$p.rpm"
done
head -c 30M /dev/urandom >"$tmp/pack/rpmrepo/cri-containerd-cni-1.7.13-linux-amd64.tar.gz"
head -c 20M /dev/urandom >"$tmp/pack/rpmrepo/crictl-v1.28.0-linux-amd64.tar.gz"
echo "network --bootproto=dhcp" >"$tmp/pack/kickstart/ks.cfg.rocky8"
echo "airgap=true" >"$tmp/pack/output/imageconfig"
echo "benchmark archive" >"$tmp/pack/README"
archive=$tmp/capi-image-builder-$TAG.tgz
start=$(now)
# gzip -1 keeps the set-up short; inflating costs about the same whatever the level
(cd "$tmp/pack" && tar -cf - README "capi-builder-$TAG.tar" kickstart output rpmrepo | gzip -1 >"$archive")
tar_bytes=$(stat -c %s "$tmp/pack/capi-builder-$TAG.tar")
rm -f "$tmp/pack/capi-builder-$TAG.tar"
echo "   builder tar $(gb "$tar_bytes"), archive $(gb "$(stat -c %s "$archive")") (packed in $(secs "$start" "$(now)") s)"

echo "== build the benchmark classes (offline)"
(cd "$root/core" && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
    -Dmdep.includeScope=test)
cp="$root/core/target/classes:$root/core/target/test-classes:$(cat "$root/core/target/bench-cp.txt")"

# Peak bytes of a folder and of the engine's upload folder while a run lasts (sampled every 0.2 s).
sample() {
    local dir=$1 peak=0 engine=0 a b
    while [ -e "$tmp/sampling" ]; do
        a=$(du -sb "$dir" 2>/dev/null | cut -f1); a=${a:-0}
        b=$(du -sb "$ENGINE_TMP" 2>/dev/null | cut -f1); b=${b:-0}
        [ "$a" -gt "$peak" ] && peak=$a
        [ "$b" -gt "$engine" ] && engine=$b
        sleep 0.2
    done
    echo "$peak $engine" >"$tmp/peak"
}
measure_start() { touch "$tmp/sampling"; sample "$1" & sampler=$!; }
measure_stop() { rm -f "$tmp/sampling"; wait "$sampler"; read -r peak_dir peak_engine <"$tmp/peak"; }
unload() { docker rmi -f "localhost/capi-builder:$TAG" "localhost/$TAG:latest" >/dev/null 2>&1 || true; }

# $1 = socket (what builds do on a local engine) or docker-java (what engines on tcp:// get)
ours() {
    local name=ours-$1 t0 t1 out
    unload
    mkdir -p "$tmp/$name"
    measure_start "$tmp/$name"
    t0=$(now)
    out=$(java -cp "$cp" io.jenkins.plugins.capi.airgap.AirgapLoadBenchmark "$archive" "$tmp/$name/work" "$1")
    t1=$(now)
    measure_stop
    docker image inspect "localhost/capi-builder:$TAG" >/dev/null
    printf '%-17s total %6s s  (%s; JVM start included)  peak extra: files %s, engine upload %s\n' "$name" \
        "$(secs "$t0" "$t1")" "$out" "$(gb "$peak_dir")" "$(gb "$peak_engine")"
    echo "$name $(secs "$t0" "$t1") $peak_dir $peak_engine" >>"$tmp/results"
    rm -rf "${tmp:?}/$name"
}

vendor() {
    unload
    mkdir -p "$tmp/vendor"
    measure_start "$tmp/vendor"
    local t0 t1 t2
    t0=$(now)
    tar -xzf "$archive" -C "$tmp/vendor"
    t1=$(now)
    docker load -q -i "$tmp/vendor/capi-builder-$TAG.tar" >/dev/null
    t2=$(now)
    measure_stop
    docker image inspect "localhost/$TAG:latest" >/dev/null
    printf '%-17s total %6s s  (tar -xzf %s s, docker load %s s)  peak extra: files %s, engine upload %s\n' vendor \
        "$(secs "$t0" "$t2")" "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$(gb "$peak_dir")" "$(gb "$peak_engine")"
    echo "vendor $(secs "$t0" "$t2") $peak_dir $peak_engine" >>"$tmp/results"
    rm -rf "$tmp/vendor"
}

echo "== $rounds rounds, taking turns (page cache warm for all: the archive was just written)"
for r in $(seq 1 "$rounds"); do
    echo "-- round $r"
    case $((r % 3)) in
        1) ours socket; vendor; ours docker-java ;;
        2) vendor; ours docker-java; ours socket ;;
        0) ours docker-java; ours socket; vendor ;;
    esac
done
unload

median() { grep "^$1 " "$tmp/results" | awk '{ print $2 }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
max_col() { grep "^$1 " "$tmp/results" | awk -v c="$2" 'BEGIN { m = 0 } { if ($c > m) m = $c } END { print m }'; }
v=$(median vendor)
echo "== result (medians of $rounds; ratio = time / vendor's time)"
for name in ours-socket ours-docker-java vendor; do
    m=$(median "$name")
    printf '   %-17s %7s s  ratio %s  peak extra files %s, engine upload folder %s\n' "$name" "$m" \
        "$(awk "BEGIN { printf \"%.2f\", $m / $v }")" "$(gb "$(max_col "$name" 3)")" "$(gb "$(max_col "$name" 4)")"
done
