#!/usr/bin/env bash
# Builds real Packer and its vSphere plugin from the Go module proxy, for the real-Packer test image
# (tools/packer/image/build.sh). The versions are pinned by the two scratch modules beside this script:
#   packer/go.mod          github.com/hashicorp/packer v1.9.4 (bundles the vSphere plugin v1.1.1)
#   plugin-vsphere/go.mod  github.com/hashicorp/packer-plugin-vsphere v1.4.2 (with its go-cty replace)
# Output, laid out the way `packer init` installs a plugin:
#   bin/packer
#   bin/plugins/github.com/hashicorp/vsphere/packer-plugin-vsphere_v1.4.2_x5.0_linux_amd64 (+ _SHA256SUM)
# Cached: nothing is built when bin/.inputs matches the hash of the inputs and both binaries report the pinned
# versions. Static binaries (CGO_ENABLED=0): the test image has no C library for them.
#   bash tools/packer/build.sh            build if missing or outdated
#   PACKER_BUILD_FORCE=1 bash ...         always rebuild
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PACKER_VERSION=1.9.4
PLUGIN_VERSION=1.4.2
PLUGIN_API=x5.0
bin=$here/bin
plugin_dir=$bin/plugins/github.com/hashicorp/vsphere
plugin=$plugin_dir/packer-plugin-vsphere_v${PLUGIN_VERSION}_${PLUGIN_API}_linux_amd64

die() { echo "tools/packer: ERROR: $*" >&2; exit 1; }
command -v go >/dev/null || die "Go is required to build Packer (https://go.dev/dl/)"

inputs=$( (cat "$here/build.sh" "$here"/packer/go.{mod,sum} "$here"/plugin-vsphere/go.{mod,sum}; go env GOVERSION) \
    | sha256sum | cut -c1-16)

versions_match() {
    [ -x "$bin/packer" ] && [ -x "$plugin" ] && [ -s "${plugin}_SHA256SUM" ] || return 1
    [ "$(CHECKPOINT_DISABLE=1 "$bin/packer" version 2>/dev/null | head -n 1)" = "Packer v$PACKER_VERSION" ] || return 1
    "$plugin" describe 2>/dev/null | grep -q "\"version\":\"$PLUGIN_VERSION\"" || return 1
    [ "$(cut -c1-64 "${plugin}_SHA256SUM")" = "$(sha256sum "$plugin" | cut -c1-64)" ]
}

if [ "${PACKER_BUILD_FORCE:-0}" != 1 ] && [ "$(cat "$bin/.inputs" 2>/dev/null)" = "$inputs" ] && versions_match; then
    echo "tools/packer: Packer v$PACKER_VERSION and packer-plugin-vsphere v$PLUGIN_VERSION are up to date (inputs $inputs)"
    exit 0
fi

start=$(date +%s)
rm -f "$bin/.inputs"
mkdir -p "$plugin_dir"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
echo "tools/packer: building Packer v$PACKER_VERSION"
(cd "$here/packer" && go build -trimpath -ldflags='-s -w' -o "$bin/packer" github.com/hashicorp/packer)
echo "tools/packer: building packer-plugin-vsphere v$PLUGIN_VERSION"
(cd "$here/plugin-vsphere" && go build -trimpath -ldflags='-s -w' -o "$plugin" github.com/hashicorp/packer-plugin-vsphere)
# packer only loads an installed plugin whose checksum file (the bare hex digest) matches it
sha256sum "$plugin" | cut -c1-64 | tr -d '\n' >"${plugin}_SHA256SUM"
versions_match || die "the built binaries do not report Packer v$PACKER_VERSION / plugin v$PLUGIN_VERSION"
echo "$inputs" >"$bin/.inputs"
echo "tools/packer: built in $(( $(date +%s) - start )) s: $bin/packer, $plugin"
