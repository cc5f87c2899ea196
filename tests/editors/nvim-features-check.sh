#!/usr/bin/env bash
# Neovim 0.7, headless, against the built server: fix-all, formatting, code lens, completion,
# outline (nvim-features.lua). Usage: tests/editors/nvim-features-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
NOTE="$tmp/note.md" timeout 120 nvim --headless -n -i NONE --noplugin -u "$here/nvim-features.lua"
echo "neovim features: ok"
