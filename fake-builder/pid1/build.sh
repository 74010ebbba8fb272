#!/usr/bin/env bash
# Builds two registry-free stand-ins for the PID 1 of a builder image, each running a child that behaves like
# Packer on signals (fake-builder/pid1/packer):
#   localhost/capi-pid1-make:latest   PID 1 is GNU make (as upstream KIB's ENTRYPOINT ["/usr/bin/make"]): the host's
#                                     /usr/bin/make and its shared libraries, the recipe run by /bin/sh
#   localhost/capi-pid1-sh:latest     PID 1 is a plain shell without a trap (fake-builder/pid1/build-node)
#   localhost/capi-pid1-late:latest   as capi-pid1-make, but an exec of `sh` answers the stop's search for Packer
#                                     only after 17 s (fake-builder/pid1/late-sh), as on a busy engine
# Both are the fake builder's image (fake-builder/build.sh: busybox-static, user imagebuilder, uid/gid 1000) with
# these files added and another ENTRYPOINT. Rebuilt only when their inputs or that image changed (label
# capi.pid1.inputs).
#   bash fake-builder/pid1/build.sh        build if missing or outdated
#   PID1_FORCE=1 bash ...                  always rebuild
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BASE=${FAKE_BUILDER_IMAGE:-localhost/capi-fake-builder:latest}
MAKE_IMAGE=${PID1_MAKE_IMAGE:-localhost/capi-pid1-make:latest}
SH_IMAGE=${PID1_SH_IMAGE:-localhost/capi-pid1-sh:latest}
LATE_IMAGE=${PID1_LATE_IMAGE:-localhost/capi-pid1-late:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
MAKE=/usr/bin/make

die() { echo "pid1: ERROR: $*" >&2; exit 1; }
[ -x "$MAKE" ] || die "$MAKE missing: install Debian's make"
bash "$here/../build.sh" >/dev/null || die "the fake builder image $BASE could not be built"

libs() { ldd "$MAKE" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'; }
base_id=$("$DOCKER" image inspect --format '{{ .Id }}' "$BASE")
inputs=$( (cd "$here" && cat build.sh packer Makefile build-node late-sh "$MAKE" $(libs); echo "$base_id") | sha256sum | cut -c1-16)

up_to_date() {
    [ "${PID1_FORCE:-0}" != 1 ] && [ "$("$DOCKER" image inspect --format '{{ index .Config.Labels "capi.pid1.inputs" }}' "$1" 2>/dev/null || true)" = "$inputs" ]
}
if up_to_date "$MAKE_IMAGE" && up_to_date "$SH_IMAGE" && up_to_date "$LATE_IMAGE"; then
    echo "pid1: $MAKE_IMAGE, $SH_IMAGE and $LATE_IMAGE are up to date (inputs $inputs)"
    exit 0
fi

tmp=$(mktemp -d /tmp/capi-pid1.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/rootfs
mkdir -p "$r/usr/bin" "$r/usr/local/bin" "$r/usr/local/late" "$r/home/imagebuilder/packer/ova"
install -m 0755 "$MAKE" "$r/usr/bin/make"
for lib in $(libs); do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
done
install -m 0755 "$here/packer" "$r/usr/local/bin/packer"
install -m 0755 "$here/build-node" "$r/usr/local/bin/build-node"
install -m 0644 "$here/Makefile" "$r/home/imagebuilder/Makefile"
install -m 0755 "$here/late-sh" "$r/usr/local/late/sh"
cat > "$tmp/Dockerfile" <<DOCKERFILE
FROM $BASE AS common
COPY rootfs/ /
LABEL capi.pid1.inputs=$inputs
FROM common AS make
ENTRYPOINT ["/usr/bin/make"]
FROM common AS sh
ENTRYPOINT ["/bin/sh", "/usr/local/bin/build-node"]
FROM make AS late
ENV PATH=/usr/local/late:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DOCKERFILE
for target in make sh late; do
    case $target in make) image=$MAKE_IMAGE ;; sh) image=$SH_IMAGE ;; late) image=$LATE_IMAGE ;; esac
    DOCKER_BUILDKIT=0 "$DOCKER" build -q --target "$target" -t "$image" "$tmp" >/dev/null 2>"$tmp/build.err" \
        || die "docker build of $image failed: $(cat "$tmp/build.err")"
    echo "pid1: built $image (inputs $inputs)"
done
