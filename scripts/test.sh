#!/usr/bin/env bash
# Runs every test project of Stadtkern on a fresh machine and ends with one line: "N passed, N failed".
# Installs and starts what the tests need first (see scripts/services.sh). Exits non-zero on any failure,
# or when no test ran at all.
set -uo pipefail
cd "$(dirname "$0")/.."

results=".test-results"
rm -rf "$results"
mkdir -p "$results"

if [ -x scripts/services.sh ]; then
  # shellcheck source=/dev/null
  source scripts/services.sh
  start_services || { echo "could not start the test services"; echo "0 passed, 1 failed"; exit 1; }
  trap stop_services EXIT
fi

# The conformance tests read the ETSI suite's data from the shared folder beside the repository.
if [ -z "${STADTKERN_ETSI_DATA:-}" ]; then
  for candidate in ../shared/etsi-ngsi-ld /work/shared/etsi-ngsi-ld; do
    if [ -d "$candidate" ]; then export STADTKERN_ETSI_DATA="$(cd "$candidate" && pwd)"; break; fi
  done
fi

# The warning tests validate CAP messages against the OASIS schema in the shared folder.
if [ -z "${STADTKERN_CAP_DATA:-}" ]; then
  for candidate in ../shared/cap /work/shared/cap; do
    if [ -f "$candidate/CAP-v1.2.xsd" ]; then export STADTKERN_CAP_DATA="$(cd "$candidate" && pwd)"; break; fi
  done
fi

# The catalog tests validate the DCAT-AP.de documents against the official SHACL shapes in the shared folder, with a
# Node script and its npm packages (rdf-validate-shacl, n3, jsonld, rdfxml-streaming-parser) installed here.
if [ -z "${STADTKERN_DCAT_AP_DE_DATA:-}" ]; then
  for candidate in ../shared/dcat-ap-de /work/shared/dcat-ap-de; do
    if [ -f "$candidate/INDEX.md" ]; then export STADTKERN_DCAT_AP_DE_DATA="$(cd "$candidate" && pwd)"; break; fi
  done
fi
shacl=tests/Stadtkern.Tests/Catalog/Dcat/shacl
if ! command -v npm >/dev/null 2>&1 && declare -F install_if_missing >/dev/null; then
  install_if_missing node nodejs; install_if_missing npm npm
fi
if (cd "$shacl" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  export STADTKERN_SHACL_VALIDATOR="$(pwd)/$shacl"
else
  echo "npm ci in $shacl failed: the DCAT-AP.de SHACL tests will fail on CI"
fi

dotnet build Stadtkern.slnx -c Release -nologo -v q || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# Per-clause conformance counts, written by the conformance test run.
for summary in tests/*/bin/Release/net10.0/conformance-summary.md; do
  [ -f "$summary" ] && cat "$summary"
done

echo "$passed passed, $failed failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
