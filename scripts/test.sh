#!/usr/bin/env bash
# Runs every test of the repository: the .NET suites (core, CLI, server, Hugo differential)
# and, when the extension is present, its Node tests. Needs the .NET 10 SDK, Node 20 and hugo.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== dotnet: build and test =="
dotnet build OrbitLsp.sln -c Debug --nologo -v quiet
dotnet test OrbitLsp.sln -c Debug --no-build --nologo

if [ -f package.json ]; then
  echo "== extension: unit tests =="
  npm ci --no-audit --no-fund
  npm test
  if npm run | grep -q "test:e2e"; then
    echo "== extension: end-to-end tests =="
    npm run test:e2e
  fi
fi
