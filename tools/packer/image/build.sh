#!/usr/bin/env bash
# Builds the real-Packer test builder image (default localhost/capi-packer-builder:latest, or $PACKER_BUILDER_IMAGE)
# without any registry, with `docker import` of a rootfs made here:
#   - ENTRYPOINT ["/usr/bin/make"], as KIB's image: make (Debian's, with the C libraries it links) is PID 1
#   - busybox-static for /bin/sh and the tools the Makefile and the OVA step use
#   - Packer v1.9.4 and, installed as `packer init` lays it out, packer-plugin-vsphere v1.4.2 (tools/packer/build.sh)
#   - the Makefile, packer/ova/packer-node.json and hack/ from this folder, in /home/imagebuilder
#   - user imagebuilder (uid/gid 1000), WORKDIR /home/imagebuilder, no CA certificates
# Rebuilt only when an input changed (label capi.packer-builder.inputs). Needs the binaries: runs
# tools/packer/build.sh first, which returns at once when they are up to date.
#   bash tools/packer/image/build.sh          build if missing or outdated
#   PACKER_IMAGE_FORCE=1 bash ...             always rebuild
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IMAGE=${PACKER_BUILDER_IMAGE:-localhost/capi-packer-builder:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
BUSYBOX=/bin/busybox
MAKE=/usr/bin/make

die() { echo "packer-builder: ERROR: $*" >&2; exit 1; }
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing: install Debian's busybox-static (bash .ci/engine up does)"
[ -x "$MAKE" ] || die "$MAKE missing: install Debian's make"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers (start it with: bash .ci/engine up)"
bash "$here/../build.sh"
bin=$here/../bin
plugin_rel=.config/packer/plugins/github.com/hashicorp/vsphere

inputs=$( (cat "$here/build.sh" "$here/Makefile" "$here"/packer/ova/packer-node.json "$here"/hack/* "$bin/.inputs" \
    "$BUSYBOX" "$MAKE") | sha256sum | cut -c1-16)
current=$("$DOCKER" image inspect --format '{{ index .Config.Labels "capi.packer-builder.inputs" }}' "$IMAGE" 2>/dev/null || true)
if [ "${PACKER_IMAGE_FORCE:-0}" != 1 ] && [ "$current" = "$inputs" ]; then
    echo "packer-builder: $IMAGE is up to date (inputs $inputs)"
    exit 0
fi

tmp=$(mktemp -d /tmp/capi-packer-builder.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/rootfs
h=$r/home/imagebuilder
mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,proc,sys,dev,root} "$h"/{output,hack,packer/ova,"$plugin_rel"} \
    "$h/.packer-bundled-plugins-only"
cp "$BUSYBOX" "$r/bin/busybox"
for a in $("$BUSYBOX" --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
cp "$MAKE" "$r/usr/bin/make"
# make's shared libraries and loader, at the paths ldd reports
for lib in $(ldd "$MAKE" | grep -o '/[^ ]*'); do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
done
cp "$bin/packer" "$r/usr/local/bin/packer"
cp "$bin"/plugins/github.com/hashicorp/vsphere/packer-plugin-vsphere_* "$h/$plugin_rel/"
cp "$here/Makefile" "$h/Makefile"
cp "$here/packer/ova/packer-node.json" "$h/packer/ova/"
cp "$here"/hack/* "$h/hack/"
chmod 0755 "$h"/hack/*.sh
printf 'root:x:0:0:root:/root:/bin/sh\nimagebuilder:x:1000:1000::/home/imagebuilder:/bin/sh\n' >"$r/etc/passwd"
printf 'root:x:0:\nimagebuilder:x:1000:\n' >"$r/etc/group"
chmod 1777 "$r/tmp"
chown -R 1000:1000 "$h"
tar -C "$r" --numeric-owner -cf "$tmp/rootfs.tar" .
"$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV HOME=/home/imagebuilder' \
    --change 'ENV CHECKPOINT_DISABLE=1' \
    --change 'USER imagebuilder' \
    --change 'WORKDIR /home/imagebuilder' \
    --change 'ENTRYPOINT ["/usr/bin/make"]' \
    --change "LABEL capi.packer-builder.inputs=$inputs" \
    "$tmp/rootfs.tar" "$IMAGE" >/dev/null || die "docker import of $IMAGE failed"
echo "packer-builder: built $IMAGE (inputs $inputs)"
