#!/usr/bin/env bash
# Measures the open catalog of issue 7: N published datasets (default 1,000, one upload release each), then the time to
# serve every page of /catalog.ttl (100 datasets a page) and a CKAN package_search of 1,000 rows, with curl on the same
# machine. "cold" is the first request after the start (the whole catalog is read from the store), "warm" the
# rest; CKAN's status_show, which reads nothing, is the baseline of the same run (curl's own start-up included).
# Usage: bench/catalog.sh [DATASETS] [REPEATS]; writes bench/results/catalog.json.
set -euo pipefail
cd "$(dirname "$0")/.."
datasets=${1:-1000}
repeats=${2:-5}
dotnet build src/Stadtkern/Stadtkern.csproj -c Release -nologo -v q >/dev/null
data=$(mktemp -d /tmp/stadtkern-catalog-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base=http://127.0.0.1:$port
STADTKERN_Urls=$base STADTKERN_DataDirectory=$data STADTKERN_MqttPort=0 STADTKERN_RawLake=false \
  src/Stadtkern/bin/Release/net10.0/stadtkern serve >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/catalog.ttl" && break; sleep 0.2; done

csv=$'station,no2,time\nA,12.5,2026-01-01T00:00:00Z\nB,14.0,2026-01-01T01:00:00Z\n'
publish() {
  local id=$1
  curl -sf -o /dev/null -X POST "$base/stadtkern/v1/datasets" -H 'Content-Type: application/json' -d '{"id":"'"$id"'",
    "source":{"kind":"upload"},"licence":"dl-by-de/2.0","metadata":{"title":{"de":"Messreihe '"$id"'","en":"Series '"$id"'"},
    "description":{"de":"Stündliche Messwerte einer Station"},"publisher":{"name":"Stadt Musterstadt","uri":"https://www.musterstadt.de"},
    "contactPoint":{"email":"opendata@musterstadt.de"},"keywords":["Luft","Messung"],"themes":["ENVI"],"regionalKey":"081110000000",
    "accrualPeriodicity":"DAILY","contributorId":"http://dcat-ap.de/def/contributors/datenBW"}}'
  curl -sf -o /dev/null -X PUT "$base/stadtkern/v1/datasets/$id/source" -H 'Content-Type: text/csv' --data-binary "$csv"
  curl -sf -o /dev/null -X POST "$base/stadtkern/v1/datasets/$id/releases"
}
export -f publish; export base csv
start=$(date +%s.%N)
seq -f "series-%04g" 1 "$datasets" | xargs -P 4 -I{} bash -c 'publish {}'
seeded=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
echo "published $datasets datasets in $seeded s"

time_of() { curl -sf -o /dev/null -w '%{time_total}' "$1"; }
pages=$(( (datasets + 99) / 100 ))
cold=$(time_of "$base/catalog.ttl?page=1")
# A few more datasets, one at a time: the next page is built after following the ledger entries each added (the usual
# case between two harvests); the median of three.
after=()
for extra in 1 2 3; do publish "series-extra-$extra"; after+=("$(time_of "$base/catalog.ttl?page=1")"); done
after_change=$(printf '%s\n' "${after[@]}" | sort -n | sed -n 2p)
baseline=()
for _ in $(seq 1 20); do baseline+=("$(time_of "$base/api/3/action/status_show")"); done
# The server's own CPU time for the warm pages (utime + stime in clock ticks): what a page costs, whatever else runs.
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
warm=()
cpu_before=$(cpu)
for _ in $(seq 1 "$repeats"); do
  for page in $(seq 1 "$pages"); do warm+=("$(time_of "$base/catalog.ttl?page=$page")"); done
done
cpu_ms=$(python3 -c "print(round(($(cpu) - $cpu_before) * 1000 / $(getconf CLK_TCK) / ${#warm[@]}, 1))")
bytes=$(curl -sf "$base/catalog.ttl?page=1" | wc -c)
search=()
for _ in $(seq 1 "$repeats"); do search+=("$(time_of "$base/api/3/action/package_search?rows=1000&sort=id%20asc")"); done

python3 - "$datasets" "$seeded" "$cold" "$bytes" "${warm[*]}" "${search[*]}" "$after_change" "${baseline[*]}" "$cpu_ms" <<'PY' | tee bench/results/catalog.json
import json, statistics, sys, subprocess
datasets, seeded, cold, size = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
warm = sorted(float(x) * 1000 for x in sys.argv[5].split())
search = sorted(float(x) * 1000 for x in sys.argv[6].split())
after_change = float(sys.argv[7]) * 1000
baseline = sorted(float(x) * 1000 for x in sys.argv[8].split())
cpu_ms = float(sys.argv[9])
p = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print(json.dumps({"commit": commit, "datasets": datasets, "seconds_to_publish": seeded, "page_size": 100, "page_bytes": size,
  "baseline_status_show_ms": {"median": round(statistics.median(baseline), 1), "max": round(baseline[-1], 1)},
  "turtle_page_ms": {"cold_first_request": round(cold * 1000, 1), "after_one_new_dataset_median_of_3": round(after_change, 1), "warm_median": round(statistics.median(warm), 1),
                     "warm_p95": round(p(warm, 0.95), 1), "warm_max": round(warm[-1], 1), "requests": len(warm),
                     "server_cpu_ms_per_page": cpu_ms},
  "package_search_1000_rows_ms": {"median": round(statistics.median(search), 1), "max": round(search[-1], 1)}}, indent=2))
PY
