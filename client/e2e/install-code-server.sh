#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser, npm package) into DIR for the end-to-end
# test in real VS Code, reaching nothing but Debian and the npm registry:
#
#   client/e2e/install-code-server.sh DIR      then: DIR/node_modules/.bin/code-server
#
# A plain `npm install code-server` fails offline and as root: its postinstall needs
# --unsafe-perm, native modules need Debian headers, node-pty's step runs `npx node-gyp`
# (refused unless npm_config_yes=true), and @vscode/ripgrep downloads rg from GitHub. So:
# install with --ignore-scripts, put Debian's rg where @vscode/ripgrep expects it, rebuild the
# native modules from source, then run code-server's own postinstall.sh. On Node 20 npm resolves
# the pinned 4.100.3 (VS Code 1.100.3), the engine this extension targets.
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
CODE_SERVER_VERSION=4.100.3
mkdir -p "$1"; dir=$(cd "$1" && pwd)

# Its Debian packages (build tools and headers, ripgrep, chromium): as root, or through sudo.
bash "$(dirname "$0")/../../scripts/install-debian-packages.sh" code-server
command -v rg >/dev/null || { echo "need ripgrep (apt-get install ripgrep)" >&2; exit 1; }
# Native modules build against the running Node's own headers when it ships them (Node's packages
# put them in PREFIX/include/node): node-gyp would otherwise download them, which fails offline.
node_prefix=$(dirname "$(dirname "$(command -v node)")")
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi

cd "$dir"
[ -f package.json ] || echo '{"name":"code-server-e2e","private":true}' > package.json
npm install "code-server@$CODE_SERVER_VERSION" --save-exact --ignore-scripts --no-audit --no-fund
npm rebuild argon2
cs="$dir/node_modules/code-server"
cd "$cs/lib/vscode"
npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild --foreground-scripts >"$dir/rebuild.log" 2>&1 \
  || { tail -30 "$dir/rebuild.log" >&2; exit 1; }
cd "$cs"
npm_config_yes=true npm_config_unsafe_perm=true \
  npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" sh postinstall.sh
XDG_CONFIG_HOME="$dir/.config" "$dir/node_modules/.bin/code-server" --version
