#!/usr/bin/env bash
# Builds two registry-free stand-ins for the PID 1 of a builder image, each running a child that behaves like
# Packer on signals (fake-builder/pid1/packer):
#   localhost/capi-pid1-make:latest   PID 1 is GNU make (as upstream KIB's ENTRYPOINT ["/usr/bin/make"]): the host's
#                                     /usr/bin/make and its shared libraries, the recipe run by /bin/sh
#   localhost/capi-pid1-sh:latest     PID 1 is a plain shell without a trap (fake-builder/pid1/build-node)
# Both are busybox-static rootfs images made with `docker import`, user imagebuilder (uid/gid 1000). Rebuilt only
# when their inputs changed (label capi.pid1.inputs).
#   bash fake-builder/pid1/build.sh        build if missing or outdated
#   PID1_FORCE=1 bash ...                  always rebuild
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
MAKE_IMAGE=${PID1_MAKE_IMAGE:-localhost/capi-pid1-make:latest}
SH_IMAGE=${PID1_SH_IMAGE:-localhost/capi-pid1-sh:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
BUSYBOX=/bin/busybox
MAKE=/usr/bin/make

die() { echo "pid1: ERROR: $*" >&2; exit 1; }
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing: install Debian's busybox-static (bash .ci/engine up does)"
[ -x "$MAKE" ] || die "$MAKE missing: install Debian's make"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers (start it with: bash .ci/engine up)"

libs() { ldd "$MAKE" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'; }
inputs=$(cat "$here/build.sh" "$here/packer" "$here/Makefile" "$here/build-node" "$BUSYBOX" "$MAKE" $(libs) | sha256sum | cut -c1-16)

up_to_date() {
    [ "${PID1_FORCE:-0}" != 1 ] && [ "$("$DOCKER" image inspect --format '{{ index .Config.Labels "capi.pid1.inputs" }}' "$1" 2>/dev/null || true)" = "$inputs" ]
}
if up_to_date "$MAKE_IMAGE" && up_to_date "$SH_IMAGE"; then
    echo "pid1: $MAKE_IMAGE and $SH_IMAGE are up to date (inputs $inputs)"
    exit 0
fi

tmp=$(mktemp -d /tmp/capi-pid1.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/rootfs
mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,proc,sys,dev,root,home/imagebuilder/output,home/imagebuilder/packer/ova}
cp "$BUSYBOX" "$r/bin/busybox"
for a in $("$BUSYBOX" --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
install -m 0755 "$here/packer" "$r/usr/local/bin/packer"
install -m 0755 "$here/build-node" "$r/usr/local/bin/build-node"
install -m 0644 "$here/Makefile" "$r/home/imagebuilder/Makefile"
install -m 0755 "$MAKE" "$r/usr/bin/make"
for lib in $(libs); do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
done
printf 'root:x:0:0:root:/root:/bin/sh\nimagebuilder:x:1000:1000::/home/imagebuilder:/bin/sh\n' >"$r/etc/passwd"
printf 'root:x:0:\nimagebuilder:x:1000:\n' >"$r/etc/group"
chmod 1777 "$r/tmp"
chown -R 1000:1000 "$r/home/imagebuilder"
tar -C "$r" --numeric-owner -cf "$tmp/rootfs.tar" .

import() {  # $1 image, $2 entrypoint (JSON)
    "$DOCKER" import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'USER imagebuilder' \
        --change 'WORKDIR /home/imagebuilder' \
        --change "ENTRYPOINT $2" \
        --change "LABEL capi.pid1.inputs=$inputs" \
        "$tmp/rootfs.tar" "$1" >/dev/null || die "docker import of $1 failed"
    echo "pid1: built $1 (inputs $inputs)"
}
import "$MAKE_IMAGE" '["/usr/bin/make"]'
import "$SH_IMAGE" '["/bin/sh", "/usr/local/bin/build-node"]'
