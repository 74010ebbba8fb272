#!/bin/sh
# As KIB's hack/ensure-packer.sh: fail early when packer is missing; print the version and the vSphere plugin used.
set -eu
command -v packer >/dev/null || { echo "packer not found on PATH" >&2; exit 1; }
packer version | head -n 1
if [ -n "${PACKER_PLUGIN_PATH:-}" ]; then
    echo "vSphere plugin: the one bundled with packer"
else
    ls "$HOME/.config/packer/plugins/github.com/hashicorp/vsphere/" | grep -v SHA256SUM | sed 's/^/vSphere plugin: /'
fi
