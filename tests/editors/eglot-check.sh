#!/usr/bin/env bash
# Emacs (eglot, batch) against the built server. Usage: tests/editors/eglot-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export ORBITLSP_CMD="${1:-dotnet $root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "${NOTE:-$root/examples/misalignment.md}" "$tmp/note.md"
NOTE="$tmp/note.md" HOME="$tmp" timeout 120 emacs --batch -q --eval '(package-initialize)' -l "$here/eglot-check.el"
echo "emacs: ok"
