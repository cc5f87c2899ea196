#!/usr/bin/env bash
# Neovim 0.10 or later, headless, against the built server: inlay hints and semantic tokens, and
# with 0.11 or later folding (nvim010-features.lua). Debian 12's Neovim is 0.7, which has none of
# them, so this check is not part of scripts/test.sh: run it with a newer Neovim, e.g.
# NVIM=/path/to/nvim tests/editors/nvim010-check.sh (docs/editors.md says how it was run).
# Usage: NVIM=... tests/editors/nvim010-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export ORBITLSP_CMD="${1:-dotnet $root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "${NOTE:-$root/examples/what-is-orbit.md}" "$tmp/note.md"
chmod u+w "$tmp/note.md"
NOTE="$tmp/note.md" timeout 120 ${NVIM:-nvim} --headless -n -i NONE --noplugin -u "$here/nvim010-features.lua"
echo "neovim 0.10 features: ok"
