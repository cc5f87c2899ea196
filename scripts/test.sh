#!/usr/bin/env bash
# Runs every test of the repository: the .NET suites (core, CLI, server, Hugo differential),
# the extension's Node tests (unit, server over stdio, real VS Code through code-server), then,
# against the native server the extension ships, the server suite again, the real-editor
# checks (headless Neovim and Emacs eglot) and one short pass of the external latency client.
# Needs the .NET 10 SDK, Node 20, hugo, neovim and emacs-nox with elpa-eglot (.ci/run installs
# the Debian packages; the VS Code check installs its own code-server).
set -euo pipefail
cd "$(dirname "$0")/.."

# First: the .NET suites' FSRS differential test runs ts-fsrs from node_modules.
npm ci --no-audit --no-fund

echo "== dotnet: build and test =="
dotnet build OrbitLsp.sln -c Debug --nologo -v quiet
dotnet test OrbitLsp.sln -c Debug --no-build --nologo

echo "== extension: unit tests =="
npm test

echo "== extension: end-to-end tests (server over stdio, VS Code in code-server) =="
npm run test:e2e

echo "== the server the extension ships: the server suite, Neovim and Emacs =="
dotnet build server/OrbitLsp -c Release --nologo -v quiet # the editor checks count problems with its orbitlsp check
packed="$PWD/server-dist/orbitlsp" # native, published by npm run test:e2e (npm run package)
# The server suite again against the packed executable: every server a test asks for with the
# defaults, and every child process, is that executable (TestServer); the tests marked Server=here
# never start it, ran above with the rest and are left out.
ORBITLSP_TEST_IN_CHILD=1 ORBITLSP_TEST_SERVER="$packed" \
  dotnet test tests/OrbitLsp.Server.Tests -c Debug --no-build --nologo --filter "Server!=here"
bash tests/editors/nvim-check.sh "$packed"
bash tests/editors/nvim-features-check.sh "$packed"
bash tests/editors/eglot-check.sh "$packed"
echo "editors: 3 passed, 0 failed"

# The latency benchmark's external client (and its echo server) once over against the same
# executable, on a small note and few keystrokes: that it runs through, not how fast (its figures
# are read on a quiet machine; README.md, "A client outside .NET").
echo "== the external latency client, once over =="
note_dir="$(mktemp -d)"
dotnet run -c Debug --no-build --project tests/OrbitLsp.LatencyBenchmark -- --write-note "$note_dir/note.md" 50000
timeout 300 node tests/OrbitLsp.LatencyBenchmark/external/latency.mjs --note "$note_dir/note.md" --runs 1 --keys 10 -- "$packed"
rm -rf "$note_dir"
