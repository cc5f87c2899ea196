#!/usr/bin/env bash
# Neovim 0.10 or later, headless, against the built server: inlay hints and semantic tokens, and
# with 0.11 or later folding (nvim010-features.lua). Debian 12's Neovim is 0.7, which has none of
# them, so this check is not part of scripts/test.sh: run it with a newer Neovim, e.g.
# NVIM=/path/to/nvim tests/editors/nvim010-check.sh (docs/editors.md says how it was run).
# Usage: NVIM=... tests/editors/nvim010-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
default_note="$here/../../examples/what-is-orbit.md"
source "$here/common.sh"
NOTE="$tmp/note.md" timeout 120 ${NVIM:-nvim} --headless -n -i NONE --noplugin -u "$here/nvim010-features.lua"
echo "neovim 0.10 features: ok"
