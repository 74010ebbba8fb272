#!/usr/bin/env bash
# Builds localhost/capi-fake-builder:latest without any registry: a busybox-static rootfs with a non-root
# user imagebuilder (uid/gid 1000), WORKDIR /home/imagebuilder, and entrypoint.sh as ENTRYPOINT, made with
# `docker import`. Rebuilds only when its inputs changed (label capi.fake-builder.inputs = hash of the inputs).
#   bash fake-builder/build.sh            build if missing or outdated
#   FAKE_BUILDER_FORCE=1 bash ...         always rebuild
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IMAGE=${FAKE_BUILDER_IMAGE:-localhost/capi-fake-builder:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
BUSYBOX=/bin/busybox

die() { echo "fake-builder: ERROR: $*" >&2; exit 1; }
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing: install Debian's busybox-static (bash .ci/engine up does)"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers (start it with: bash .ci/engine up)"

inputs=$(cat "$here/build.sh" "$here/entrypoint.sh" "$here/vm.ovf" "$BUSYBOX" | sha256sum | cut -c1-16)
current=$("$DOCKER" image inspect --format '{{ index .Config.Labels "capi.fake-builder.inputs" }}' "$IMAGE" 2>/dev/null || true)
if [ "${FAKE_BUILDER_FORCE:-0}" != 1 ] && [ "$current" = "$inputs" ]; then
    echo "fake-builder: $IMAGE is up to date (inputs $inputs)"
    exit 0
fi

tmp=$(mktemp -d /tmp/capi-fake-builder.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/rootfs
mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,proc,sys,dev,root,home/imagebuilder/output}
cp "$BUSYBOX" "$r/bin/busybox"
for a in $("$BUSYBOX" --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
install -m 0755 "$here/entrypoint.sh" "$r/usr/local/bin/capi-fake-build"
install -D -m 0644 "$here/vm.ovf" "$r/usr/local/share/capi-fake-build/vm.ovf"
printf 'root:x:0:0:root:/root:/bin/sh\nimagebuilder:x:1000:1000::/home/imagebuilder:/bin/sh\n' >"$r/etc/passwd"
printf 'root:x:0:\nimagebuilder:x:1000:\n' >"$r/etc/group"
chmod 1777 "$r/tmp"
chown -R 1000:1000 "$r/home/imagebuilder"
tar -C "$r" --numeric-owner -cf "$tmp/rootfs.tar" .
"$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'USER imagebuilder' \
    --change 'WORKDIR /home/imagebuilder' \
    --change 'ENTRYPOINT ["/usr/local/bin/capi-fake-build"]' \
    --change "LABEL capi.fake-builder.inputs=$inputs" \
    "$tmp/rootfs.tar" "$IMAGE" >/dev/null || die "docker import of $IMAGE failed"
echo "fake-builder: built $IMAGE (inputs $inputs)"
