#!/usr/bin/env bash
# Builds the stand-ins for an air-gap archive's two images, without any registry:
#   localhost/capi-fake-yum-repo:latest         busybox-static rootfs, serve.sh as ENTRYPOINT, runs as root
#   localhost/capi-fake-airgap-builder:latest   the fake builder (fake-builder/build.sh) with airgap-builder.sh
#                                               in front of its entrypoint
# Rebuilds only when the inputs changed (label capi.fake-yum-repo.inputs / capi.fake-airgap-builder.inputs).
#   bash fake-builder/yum-repo/build.sh         build if missing or outdated (builds the fake builder first)
#   FAKE_YUM_FORCE=1 bash ...                   always rebuild
# Names: FAKE_YUM_IMAGE, FAKE_AIRGAP_BUILDER_IMAGE, FAKE_BUILDER_IMAGE (the base).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
YUM_IMAGE=${FAKE_YUM_IMAGE:-localhost/capi-fake-yum-repo:latest}
BUILDER_IMAGE=${FAKE_AIRGAP_BUILDER_IMAGE:-localhost/capi-fake-airgap-builder:latest}
BASE_IMAGE=${FAKE_BUILDER_IMAGE:-localhost/capi-fake-builder:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
BUSYBOX=/bin/busybox

die() { echo "fake-yum-repo: ERROR: $*" >&2; exit 1; }
[ -x "$BUSYBOX" ] || die "$BUSYBOX missing: install Debian's busybox-static (bash .ci/engine up does)"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers (start it with: bash .ci/engine up)"
FAKE_BUILDER_IMAGE=$BASE_IMAGE bash "$here/../build.sh" >/dev/null

label_of() { "$DOCKER" image inspect --format "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }
tmp=$(mktemp -d /tmp/capi-fake-yum-repo.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

inputs=$(cat "$here/build.sh" "$here/serve.sh" "$BUSYBOX" | sha256sum | cut -c1-16)
if [ "${FAKE_YUM_FORCE:-0}" = 1 ] || [ "$(label_of "$YUM_IMAGE" capi.fake-yum-repo.inputs)" != "$inputs" ]; then
    r=$tmp/rootfs
    mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,proc,sys,dev,root,var/www/html/rpmrepo}
    cp "$BUSYBOX" "$r/bin/busybox"
    for a in $("$BUSYBOX" --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
    install -m 0755 "$here/serve.sh" "$r/usr/local/bin/capi-fake-yum-repo"
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$r/etc/passwd"
    printf 'root:x:0:\n' >"$r/etc/group"
    chmod 1777 "$r/tmp"
    tar -C "$r" --numeric-owner -cf "$tmp/rootfs.tar" .
    "$DOCKER" import \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'EXPOSE 80' \
        --change 'ENTRYPOINT ["/usr/local/bin/capi-fake-yum-repo"]' \
        --change "LABEL capi.fake-yum-repo.inputs=$inputs" \
        "$tmp/rootfs.tar" "$YUM_IMAGE" >/dev/null || die "docker import of $YUM_IMAGE failed"
    echo "fake-yum-repo: built $YUM_IMAGE (inputs $inputs)"
else
    echo "fake-yum-repo: $YUM_IMAGE is up to date (inputs $inputs)"
fi

base_id=$("$DOCKER" image inspect --format '{{ .Id }}' "$BASE_IMAGE")
inputs=$(cat "$here/build.sh" "$here/airgap-builder.sh" | sha256sum | cut -c1-12)-${base_id#sha256:}
inputs=${inputs:0:32}
if [ "${FAKE_YUM_FORCE:-0}" = 1 ] || [ "$(label_of "$BUILDER_IMAGE" capi.fake-airgap-builder.inputs)" != "$inputs" ]; then
    install -m 0755 "$here/airgap-builder.sh" "$tmp/airgap-builder.sh"
    cat >"$tmp/Dockerfile" <<DOCKERFILE
FROM $BASE_IMAGE
COPY airgap-builder.sh /usr/local/bin/capi-fake-airgap-build
ENTRYPOINT ["/usr/local/bin/capi-fake-airgap-build"]
LABEL capi.fake-airgap-builder.inputs=$inputs
DOCKERFILE
    "$DOCKER" build -q -t "$BUILDER_IMAGE" "$tmp" >/dev/null || die "docker build of $BUILDER_IMAGE failed"
    echo "fake-yum-repo: built $BUILDER_IMAGE (inputs $inputs)"
else
    echo "fake-yum-repo: $BUILDER_IMAGE is up to date (inputs $inputs)"
fi
