#!/usr/bin/env bash
# /metrics scrape time with thousands of incidents in the store, idle RSS, and process start → /readyz 200.
# Usage: bench/metrics/run.sh [path/to/SecBot.Host.dll] [runs]   (default: this checkout's Release build, 10 runs)
# Fills a fresh SQLite file through the real host (5 Alertmanager notifications of 1,000 firing alerts: 5,000 open
# incidents with their pages, timers and outbox rows), then starts the host on it `runs` times and measures each start.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dll=${1:-$root/src/SecBot.Host/bin/Release/net10.0/SecBot.Host.dll}
runs=${2:-10}
if [[ ! -f $dll ]]; then dotnet build -c Release "$root/src/SecBot.Host" >/dev/null; fi
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=5399
key=bench-routing-key-0000000000000001
args=(--urls "http://127.0.0.1:$port" "--SecBot:Database:Path=$work/secbot.db"
      "--SecBot:Alerts:RoutingKeys:$key:Type=general" "--SecBot:Alerts:NewIncidents:PerKey=1000000")
now_ns() { date +%s%N; }

start_host() {
  SECBOT_SETTINGS="$root/appsettings.json" dotnet "$dll" "${args[@]}" >"$work/host.log" 2>&1 &
  pid=$!
  local t0=$1
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true) == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/host.log"; exit 1; }
    sleep 0.01
  done
  echo $(( ($(now_ns) - t0) / 1000000 ))
}

# SIGTERM: a background job of a script ignores SIGINT.
stop_host() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }

notification() { # $1: batch number; 1,000 alerts with fingerprints of their own
  printf '{"version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}","status":"firing","receiver":"secbot","externalURL":"http://alertmanager.example:9093","alerts":['
  for i in $(seq 0 999); do
    [[ $i -gt 0 ]] && printf ','
    printf '{"status":"firing","labels":{"alertname":"DiskFull","instance":"db%d-%d:9100"},"annotations":{"summary":"Disk full on db%d-%d"},"startsAt":"2026-12-05T01:00:00Z","generatorURL":"http://prometheus.example:9090/graph","fingerprint":"am-%d-%08x"}' "$1" "$i" "$1" "$i" "$1" "$i"
  done
  printf ']}'
}

start_host "$(now_ns)" >/dev/null
for batch in 1 2 3 4 5; do
  notification "$batch" >"$work/alerts.json"
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$work/alerts.json" "http://127.0.0.1:$port/alerts/alertmanager"
done
sleep 5 # the console platform delivers the pages
stop_host
echo "store: $(sqlite3 "$work/secbot.db" "SELECT count(*) FROM incidents WHERE state <> 'resolved'") open incidents, $(sqlite3 "$work/secbot.db" 'SELECT count(*) FROM pages') pages, $(sqlite3 "$work/secbot.db" 'SELECT count(*) FROM timers WHERE fired_at IS NULL') pending timers, $(sqlite3 "$work/secbot.db" 'SELECT count(*) FROM outbox') outbox rows"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

ready=() rss=() cold=() warm=()
for run in $(seq 1 "$runs"); do
  ready+=("$(start_host "$(now_ns)")")
  sleep 5
  rss+=("$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")")
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")
  if [[ $code == 200 ]]; then
    sleep 5.1 # past the store gauges' cache: the next scrape reads the store
    cold+=("$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/metrics")")
    for _ in $(seq 1 100); do warm+=("$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/metrics")"); done
  fi
  stop_host
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

stats() { # label, unit, scale, values...: median and worst (p99 for 100+ values)
  local label=$1 unit=$2 scale=$3; shift 3
  printf '%s\n' "$@" | sort -g | awk -v l="$label" -v u="$unit" -v s="$scale" '{v[NR]=$1*s} END {
    p99=v[int(NR*0.99) > 0 ? int(NR*0.99) : NR]; printf "%-40s n=%d  median %.1f %s  p99/max %.1f %s  min %.1f %s\n", l, NR, v[int((NR+1)/2)], u, (NR>=100?p99:v[NR]), u, v[1], u }'
}
stats "start → /readyz 200" ms 1 "${ready[@]}"
stats "RSS 5 s after ready (idle)" MiB 1 "${rss[@]}"
if [[ ${#cold[@]} -gt 0 ]]; then
  stats "/metrics, store read (cache expired)" ms 1000 "${cold[@]}"
  stats "/metrics, gauges cached (back to back)" ms 1000 "${warm[@]}"
  curl -s -o "$work/scrape.txt" "http://127.0.0.1:$port/metrics" 2>/dev/null || true
fi
