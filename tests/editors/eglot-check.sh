#!/usr/bin/env bash
# Emacs (eglot, batch) against the built server. Usage: tests/editors/eglot-check.sh [server command]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export ORBITLSP_CMD="${1:-dotnet $root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll}"
dll="$root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "${NOTE:-$root/examples/misalignment.md}" "$tmp/note.md"
# What the editor must show, before and after the edit: the command line's count for the same text.
count() { dotnet "$dll" check --format json "$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
sed '/^<orbit-reviewarea>$/d' "$tmp/note.md" > "$tmp/edited.md"
export EXPECTED_BEFORE="$(count "$tmp/note.md")" EXPECTED_AFTER="$(count "$tmp/edited.md")"
rm "$tmp/edited.md"
NOTE="$tmp/note.md" HOME="$tmp" timeout 120 emacs --batch -q --eval '(package-initialize)' -l "$here/eglot-check.el"
echo "emacs: ok"
