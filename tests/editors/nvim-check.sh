#!/usr/bin/env bash
# Neovim, headless, against the built server. Usage: tests/editors/nvim-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export ORBITLSP_CMD="${1:-dotnet $root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll}"
export NOTE="${NOTE:-$root/examples/misalignment.md}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A copy, so the edit the check makes never touches the example.
cp "$NOTE" "$tmp/note.md"
NOTE="$tmp/note.md" timeout 120 nvim --headless -n -i NONE --noplugin -u "$here/nvim-check.lua"
echo "neovim: ok"
