#!/usr/bin/env bash
# Builds localhost/capi-fake-clone-builder:latest, a registry-free stand-in for the builder image in a build from an
# existing VM (vcenter_template), for the RHSM workaround's exec sequence:
#   - no ENTRYPOINT of its own: `docker run IMAGE sleep infinity` idles, as the vendor's workaround needs; with no
#     command, `start` plays the image's own start-up, which runs into the RHSM credential check;
#   - /home/imagebuilder/ansible/roles/setup/tasks/redhat.yml holds that check between two other tasks;
#   - GNU make (the host's binary and its libraries) with a Makefile whose build-node-ova-vsphere-clone-<os>
#     targets run a Packer stand-in (fake-builder/clone/packer) through /bin/sh, as KIB's Makefile does;
#   - sed, grep, make and sleep are wrapped to append each command line to
#     /home/imagebuilder/output/stand-in-commands.log, so tests can see what the container was asked to run.
# A busybox-static rootfs made with `docker import`, user imagebuilder (uid/gid 1000). Rebuilt only when its inputs
# changed (label capi.fake-clone.inputs).
#   bash fake-builder/clone/build.sh        build if missing or outdated
#   FAKE_CLONE_FORCE=1 bash ...             always rebuild
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
IMAGE=${FAKE_CLONE_IMAGE:-localhost/capi-fake-clone-builder:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
BUSYBOX=/bin/busybox
MAKE=/usr/bin/make

die() { echo "fake-clone: ERROR: $*" >&2; exit 1; }
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing: install Debian's busybox-static (bash .ci/engine up does)"
[ -x "$MAKE" ] || die "$MAKE missing: install Debian's make"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers (start it with: bash .ci/engine up)"

libs() { ldd "$MAKE" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'; }
files=(build.sh start packer recorder Makefile redhat.yml)
inputs=$(cd "$here" && cat "${files[@]}" "$BUSYBOX" "$MAKE" $(libs) | sha256sum | cut -c1-16)
current=$("$DOCKER" image inspect --format '{{ index .Config.Labels "capi.fake-clone.inputs" }}' "$IMAGE" 2>/dev/null || true)
if [ "${FAKE_CLONE_FORCE:-0}" != 1 ] && [ "$current" = "$inputs" ]; then
    echo "fake-clone: $IMAGE is up to date (inputs $inputs)"
    exit 0
fi

tmp=$(mktemp -d /tmp/capi-fake-clone.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
r=$tmp/rootfs
mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,proc,sys,dev,root} \
         "$r"/home/imagebuilder/{output,ansible/roles/setup/tasks}
cp "$BUSYBOX" "$r/bin/busybox"
for a in $("$BUSYBOX" --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
install -m 0755 "$MAKE" "$r/usr/bin/make"
for lib in $(libs); do
    mkdir -p "$r$(dirname "$lib")"
    cp -L "$lib" "$r$lib"
done
install -m 0755 "$here/start" "$r/usr/local/bin/start"
install -m 0755 "$here/packer" "$r/usr/local/bin/packer"
install -m 0755 "$here/recorder" "$r/usr/local/bin/recorder"
for w in sed grep make sleep; do ln -sf recorder "$r/usr/local/bin/$w"; done
install -m 0644 "$here/Makefile" "$r/home/imagebuilder/Makefile"
install -m 0644 "$here/redhat.yml" "$r/home/imagebuilder/ansible/roles/setup/tasks/redhat.yml"
printf 'root:x:0:0:root:/root:/bin/sh\nimagebuilder:x:1000:1000::/home/imagebuilder:/bin/sh\n' >"$r/etc/passwd"
printf 'root:x:0:\nimagebuilder:x:1000:\n' >"$r/etc/group"
chmod 1777 "$r/tmp"
chown -R 1000:1000 "$r/home/imagebuilder"
tar -C "$r" --numeric-owner -cf "$tmp/rootfs.tar" .
"$DOCKER" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'USER imagebuilder' \
    --change 'WORKDIR /home/imagebuilder' \
    --change 'CMD ["/usr/local/bin/start"]' \
    --change "LABEL capi.fake-clone.inputs=$inputs" \
    "$tmp/rootfs.tar" "$IMAGE" >/dev/null || die "docker import of $IMAGE failed"
echo "fake-clone: built $IMAGE (inputs $inputs)"
