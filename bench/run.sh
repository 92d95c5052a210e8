#!/usr/bin/env bash
# Reruns the benchmarks: builds Release, installs wrk if missing, and writes bench/results/*.json.
# Usage: bench/run.sh [--temporal | --notifications | --publication | --cli | --all] [--entities N] [--duration S] [--connections C] [--rss-entities M]
#                     [--aggregate-instances N] [--lastn-entities N] [--ingest-entities N] [--ingest-batch N] [--ingest-connections C]
#   (no suite flag)  the foundation figures of issue 2        -> bench/results/foundation.json
#   --temporal       the temporal figures of issue 4          -> bench/results/temporal.json
#   --notifications  notification latency of issue 5            -> bench/results/notifications.json
#                    [--notify-rate N] [--notify-subscriptions N] [--notify-entities N] [--notify-concurrency N]
#   --publication    publication of a 1,000,000-row dataset, issue 7 -> bench/results/publication.json  [--publication-rows N]
#   --cli            `stadtkern bench` profiles and a capacity search against a fresh broker (issue 8)
#                                                              -> bench/results/cli-*.json and cli-*.html
#   --all            every suite, one after the other (each measures its own baseline), and bench/catalog.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
dotnet build Stadtkern.slnx -c Release -nologo -v q

harness=() cli=false all=false suites=0 entities=10000 duration=10
while [ $# -gt 0 ]; do
  case "$1" in
    --cli) cli=true ;;
    --all) all=true; cli=true; harness+=("$1") ;;
    --temporal|--notifications|--publication) suites=$((suites + 1)); harness+=("$1") ;;
    --entities) entities="$2"; harness+=("$1" "$2"); shift ;;
    --duration) duration="$2"; harness+=("$1" "$2"); shift ;;
    *) harness+=("$1") ;;
  esac
  shift
done

# --cli alone runs only the CLI suite; with other suite flags (or --all) the harness runs first.
if ! $cli || $all || [ "$suites" -gt 0 ]; then
  dotnet bench/Stadtkern.Bench/bin/Release/net10.0/Stadtkern.Bench.dll "${harness[@]+"${harness[@]}"}"
fi

if $cli; then
  stadtkern=(dotnet src/Stadtkern/bin/Release/net10.0/stadtkern.dll)
  data=$(mktemp -d) port=18126 mqtt=18883
  "${stadtkern[@]}" serve --urls "http://127.0.0.1:$port" --data "$data" --mqtt-port "$mqtt" >"$data.log" 2>&1 &
  broker=$!
  trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  common=(--entities "$entities" --duration "$duration" --concurrency 16 --warmup 5)
  for profile in get update batch-upsert query geo temporal city; do
    "${stadtkern[@]}" bench "http://127.0.0.1:$port" --profile "$profile" "${common[@]}" \
      --output "bench/results/cli-$profile.json" --output "bench/results/cli-$profile.html"
  done
  "${stadtkern[@]}" bench "http://127.0.0.1:$port" --profile mqtt --mqtt "mqtt://127.0.0.1:$mqtt" "${common[@]}" \
    --output bench/results/cli-mqtt.json --output bench/results/cli-mqtt.html
  "${stadtkern[@]}" bench "http://127.0.0.1:$port" --profile update --find-capacity --rate 100 --slo-p99 100 --max-steps 8 \
    --entities "$entities" --duration "$duration" --concurrency 64 --warmup 5 \
    --output bench/results/cli-capacity-update.json --output bench/results/cli-capacity-update.html
fi

# The DCAT-AP.de catalog pages at 1,000 datasets (issue 7) run in their own script, part of --all.
if $all; then bash bench/catalog.sh; fi
