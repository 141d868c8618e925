#!/usr/bin/env bash
# Every test the project has, as a new developer and CI run it (`npm ci && npm test`).
# Installs what the tests need when it is missing (Debian's Chromium and PostgreSQL), starts
# PostgreSQL, then runs: lint, type check, unit tests (on PGlite and PostgreSQL), the production
# build, and the end-to-end tests in Chromium. Ends with one line: "Total: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results

passed=0
failed=0
step_failures=()

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_system_packages() {
  local missing=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} (Debian packages)..."
  as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A local PostgreSQL server for the store tests; TEST_DATABASE_URL set by the caller wins.
start_postgres() {
  [ -n "${TEST_DATABASE_URL:-}" ] && return 0
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || { echo "PostgreSQL is not installed"; return 1; }
  as_root pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 50); do
    as_root su postgres -c "pg_isready -q" && break
    sleep 0.2
  done
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='omni'\"" | grep -q 1 ||
    as_root su postgres -c "psql -qc \"CREATE ROLE omni LOGIN PASSWORD 'omni' CREATEDB\""
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='omni_test'\"" | grep -q 1 ||
    as_root su postgres -c "createdb -O omni omni_test"
  export TEST_DATABASE_URL="postgres://omni:omni@127.0.0.1:5432/omni_test"
}

# A step that is not a test suite (lint, types, build) counts as one failed check when it fails.
check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then
    echo "== $name: ok"
  else
    echo "== $name: FAILED"
    failed=$((failed + 1))
    step_failures+=("$name")
    return 1
  fi
}

# Adds a suite's counts from its JSON report: "<passed> <failed>".
count() {
  local report=$1 kind=$2 numbers
  if [ ! -s "$report" ]; then
    echo "== no report from the $kind tests"
    failed=$((failed + 1))
    return
  fi
  numbers=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (process.argv[2] === "unit") console.log(r.numPassedTests, r.numFailedTests);
    else console.log(r.stats.expected + r.stats.flaky, r.stats.unexpected);
  ' "$report" "$kind")
  passed=$((passed + ${numbers% *}))
  failed=$((failed + ${numbers#* }))
  echo "== $kind tests: ${numbers% *} passed, ${numbers#* } failed"
}

check "system packages" install_system_packages
check "postgresql" start_postgres
check "lint (biome)" node_modules/.bin/biome check .
check "types (tsc)" node_modules/.bin/tsc --noEmit -p .

rm -f test-results/unit-report.json test-results/e2e-report.json
echo "== unit tests (vitest)"
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit-report.json
count test-results/unit-report.json unit

# The end-to-end tests drive the production build, so they run only when it succeeded.
if check "build (next build)" node_modules/.bin/next build && [ -d .next/static ]; then
  echo "== end-to-end tests (playwright)"
  node_modules/.bin/playwright test
  count test-results/e2e-report.json e2e
fi

[ ${#step_failures[@]} -gt 0 ] && echo "Failed checks: ${step_failures[*]}"
echo "Total: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
