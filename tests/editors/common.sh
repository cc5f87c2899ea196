# Shared by the editor checks: the server command and a scratch copy of the note (of
# ${NOTE:-$default_note}); `expect_counts` adds what the editor must show before and after the
# check's edit (the command line's count for the same text). Sourced with the check's own folder
# in $here and its arguments.
root="$(cd "$here/../.." && pwd)"
export ORBITLSP_CMD="${1:-dotnet $root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A copy, so the edit the check makes never touches the example.
cp "${NOTE:-${default_note:-$root/examples/misalignment.md}}" "$tmp/note.md"
chmod u+w "$tmp/note.md" # the source may be read-only; the copy is edited

expect_counts() {
  local dll="$root/server/OrbitLsp/bin/Release/net10.0/orbitlsp.dll"
  # check exits 1 when the note has errors, as these do; a real failure leaves python no JSON.
  count() { { dotnet "$dll" check --format json "$1" || true; } | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
  sed '/^<orbit-reviewarea>$/d' "$tmp/note.md" > "$tmp/edited.md"
  EXPECTED_BEFORE="$(count "$tmp/note.md")"
  EXPECTED_AFTER="$(count "$tmp/edited.md")"
  export EXPECTED_BEFORE EXPECTED_AFTER
  rm "$tmp/edited.md"
}
