#!/usr/bin/env bash
# Emacs (eglot, batch) against the built server. Usage: tests/editors/eglot-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
expect_counts
NOTE="$tmp/note.md" HOME="$tmp" timeout 120 emacs --batch -q --eval '(package-initialize)' -l "$here/eglot-check.el"
echo "emacs: ok"
