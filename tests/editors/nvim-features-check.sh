#!/usr/bin/env bash
# Neovim 0.7, headless, against the built server: fix-all, formatting, code lens, completion,
# outline (nvim-features.lua). Usage: tests/editors/nvim-features-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export ORBITLSP_CMD="${1:-dotnet $root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A copy: the check applies the fixes to the buffer, and never writes, but stays off the example.
cp "${NOTE:-$root/examples/misalignment.md}" "$tmp/note.md"
chmod u+w "$tmp/note.md" # the source may be read-only; the copy is edited
NOTE="$tmp/note.md" timeout 120 nvim --headless -n -i NONE --noplugin -u "$here/nvim-features.lua"
echo "neovim features: ok"
