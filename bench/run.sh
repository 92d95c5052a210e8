#!/usr/bin/env bash
# Reruns every benchmark: builds Release, installs wrk if missing, and writes bench/results/*.json.
# Usage: bench/run.sh [--entities N] [--duration S] [--connections C] [--rss-entities M]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
dotnet build Stadtkern.slnx -c Release -nologo -v q
dotnet bench/Stadtkern.Bench/bin/Release/net10.0/Stadtkern.Bench.dll "$@"
