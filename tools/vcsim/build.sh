#!/usr/bin/env bash
# Builds tools/vcsim/vcsim, the project's vSphere simulator harness (govmomi's simulator package behind a
# small main). Idempotent: does nothing when the binary is newer than its sources.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -x vcsim && vcsim -nt main.go && vcsim -nt go.mod && vcsim -nt go.sum ]]; then
  echo "tools/vcsim/vcsim is up to date"
  exit 0
fi
command -v go >/dev/null || { echo "build.sh: Go is required (https://go.dev/dl/)" >&2; exit 1; }
go build -buildvcs=false -o vcsim .
echo "built tools/vcsim/vcsim"
