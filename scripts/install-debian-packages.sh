#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those missing:
#
#   bash scripts/install-debian-packages.sh [editors] [code-server]     (no group: both)
#
#   editors      hugo (the differential test), neovim, emacs-nox and elpa-eglot (the real-editor
#                checks), python3 (their helpers), tmux (drives `orbitlsp review` in a terminal)
#   code-server  what client/e2e/install-code-server.sh builds code-server's native modules with,
#                ripgrep, and chromium (the browser the VS Code tests drive)
#
# Runs apt-get directly as root (a fresh machine may have no sudo) and through sudo as any other
# user; with nothing missing it needs neither.
set -euo pipefail

declare -A groups=(
  [editors]="hugo neovim emacs-nox elpa-eglot python3 tmux"
  [code-server]="build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium"
)
[ $# -gt 0 ] || set -- editors code-server
for group in "$@"; do
  [ -n "${groups[$group]:-}" ] || { echo "unknown group '$group' (editors, code-server)" >&2; exit 2; }
done

if ! command -v dpkg-query >/dev/null; then
  echo "not a Debian system: install the equivalents of ${groups[*]} yourself" >&2
  exit 0
fi
need=()
for group in "$@"; do
  for package in ${groups[$group]}; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || [[ " ${need[*]} " == *" $package "* ]] || need+=("$package")
  done
done
[ ${#need[@]} -gt 0 ] || exit 0

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "missing Debian packages: ${need[*]}" >&2
  echo "run this as root, or install sudo for this user, or install them: apt-get install ${need[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}${as_root:+ (through sudo)}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
