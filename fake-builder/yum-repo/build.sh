#!/usr/bin/env bash
# Builds the stand-ins for an air-gap archive's two images, without any registry, on top of the fake builder's
# busybox image (fake-builder/build.sh, built first):
#   localhost/capi-fake-yum-repo:latest         serve.sh as ENTRYPOINT, runs as root, EXPOSE 80
#   localhost/capi-fake-airgap-builder:latest   airgap-builder.sh in front of the fake builder's entrypoint
# Rebuilds an image only when its inputs changed (label capi.fake-airgap.inputs: the scripts and the base image id).
#   bash fake-builder/yum-repo/build.sh         build if missing or outdated
#   FAKE_YUM_FORCE=1 bash ...                   always rebuild
# Names: FAKE_YUM_IMAGE, FAKE_AIRGAP_BUILDER_IMAGE, FAKE_BUILDER_IMAGE (the base).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
YUM_IMAGE=${FAKE_YUM_IMAGE:-localhost/capi-fake-yum-repo:latest}
BUILDER_IMAGE=${FAKE_AIRGAP_BUILDER_IMAGE:-localhost/capi-fake-airgap-builder:latest}
BASE_IMAGE=${FAKE_BUILDER_IMAGE:-localhost/capi-fake-builder:latest}
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker

FAKE_BUILDER_IMAGE=$BASE_IMAGE bash "$here/../build.sh" >/dev/null
base_id=$("$DOCKER" image inspect --format '{{ .Id }}' "$BASE_IMAGE")
tmp=$(mktemp -d /tmp/capi-fake-airgap.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# $1 image, $2 script, $3 path in the image, $4... extra Dockerfile lines
build() {
    local image=$1 script=$2 target=$3 inputs current
    shift 3
    inputs=$(cat "$here/build.sh" "$here/$script" | sha256sum | cut -c1-12)-${base_id#sha256:}
    inputs=${inputs:0:32}
    current=$("$DOCKER" image inspect --format '{{ index .Config.Labels "capi.fake-airgap.inputs" }}' "$image" \
        2>/dev/null || true)
    if [ "${FAKE_YUM_FORCE:-0}" != 1 ] && [ "$current" = "$inputs" ]; then
        echo "fake-airgap: $image is up to date (inputs $inputs)"
        return
    fi
    rm -rf "$tmp/context" && mkdir "$tmp/context"
    install -m 0755 "$here/$script" "$tmp/context/$script"
    {
        echo "FROM $BASE_IMAGE"
        echo "COPY $script $target"
        printf '%s\n' "$@"
        echo "ENTRYPOINT [\"$target\"]"
        echo "LABEL capi.fake-airgap.inputs=$inputs"
    } >"$tmp/context/Dockerfile"
    "$DOCKER" build -q -t "$image" "$tmp/context" >/dev/null \
        || { echo "fake-airgap: ERROR: docker build of $image failed" >&2; exit 1; }
    echo "fake-airgap: built $image (inputs $inputs)"
}

build "$YUM_IMAGE" serve.sh /usr/local/bin/capi-fake-yum-repo "USER root" "WORKDIR /" "EXPOSE 80"
build "$BUILDER_IMAGE" airgap-builder.sh /usr/local/bin/capi-fake-airgap-build
