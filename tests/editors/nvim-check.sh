#!/usr/bin/env bash
# Neovim, headless, against the built server. Usage: tests/editors/nvim-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
expect_counts
NOTE="$tmp/note.md" timeout 120 nvim --headless -n -i NONE --noplugin -u "$here/nvim-check.lua"
echo "neovim: ok"
