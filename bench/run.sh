#!/usr/bin/env bash
# Reruns the benchmarks: builds Release, installs wrk if missing, and writes bench/results/*.json.
# Usage: bench/run.sh [--temporal | --notifications | --all] [--entities N] [--duration S] [--connections C] [--rss-entities M]
#                     [--aggregate-instances N] [--lastn-entities N] [--ingest-entities N] [--ingest-batch N] [--ingest-connections C]
#   (no suite flag)  the foundation figures of issue 2        -> bench/results/foundation.json
#   --temporal       the temporal figures of issue 4          -> bench/results/temporal.json
#   --notifications  notification latency of issue 5            -> bench/results/notifications.json
#   --catalog        publication of a 1,000,000-row dataset, issue 7 -> bench/results/catalog.json  [--catalog-rows N]
#                    [--notify-rate N] [--notify-subscriptions N] [--notify-entities N] [--notify-concurrency N]
#   --all            every suite, one after the other (each measures its own baseline)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
dotnet build Stadtkern.slnx -c Release -nologo -v q
dotnet bench/Stadtkern.Bench/bin/Release/net10.0/Stadtkern.Bench.dll "$@"
