#!/usr/bin/env bash
# Runs the whole end-to-end suite (client/e2e, as built by `npm run test:e2e`) N times in a row
# and prints one line per run: passed or failed, how long it took and the machine's load average.
# A flaky test shows up here; the screenshots of a failed run's waits and its logs (code-server's,
# the extension's output channels, the server's) are kept in out/e2e-failures/run-N/, its output
# in out/e2e-repeat/run-N.log.
#
#   npm run test:e2e && bash scripts/e2e-repeat.sh 20
#
# Exits 1 if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
[ -d out/e2e ] || { echo "no out/e2e: run npm run test:e2e first" >&2; exit 2; }
mkdir -p out/e2e-repeat
failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  E2E_ARTIFACTS="$PWD/out/e2e-failures/run-$i" node --test --test-concurrency=1 out/e2e/ >"out/e2e-repeat/run-$i.log" 2>&1
  rc=$?
  seconds=$(( $(date +%s) - start ))
  counts=$(grep -E '^# (pass|fail) ' "out/e2e-repeat/run-$i.log" | tr '\n' ' ')
  if [ "$rc" -eq 0 ]; then verdict=passed; else verdict=FAILED; failed=$((failed + 1)); fi
  echo "run $i/$runs: $verdict in ${seconds}s (${counts% }) at $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
  # A passed run's logs are not kept (each run's are copied there, see client/e2e/codeServer.ts).
  if [ "$rc" -eq 0 ]; then rm -rf "out/e2e-failures/run-$i"; else grep -E '^\s*not ok' "out/e2e-repeat/run-$i.log" | sed 's/^/    /'; fi
done
echo "$((runs - failed)) of $runs runs passed"
[ "$failed" -eq 0 ]
