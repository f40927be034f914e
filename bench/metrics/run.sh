#!/usr/bin/env bash
# /metrics scrape time with thousands of incidents in the store, idle RSS, and process start → /readyz 200.
# Usage: [RUNS=10] bench/metrics/run.sh [path/to/SecBot.Host.dll ...]   (default: this checkout's Release build)
# Fills a fresh SQLite file through the real host (5 Alertmanager notifications of 1,000 firing alerts: 5,000 open
# incidents with their pages, timers and outbox rows), then starts each given build on it RUNS times, taking turns
# (A B A B ...), so that builds compared on a shared machine see the same load; the figures are printed per build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
own=$root/src/SecBot.Host/bin/Release/net10.0/SecBot.Host.dll
dlls=("$@")
[[ ${#dlls[@]} -gt 0 ]] || dlls=("$own")
runs=${RUNS:-10}
if [[ ! -f $own ]]; then dotnet build -c Release "$root/src/SecBot.Host" >/dev/null; fi
dll=${dlls[0]}
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=5399
key=bench-routing-key-0000000000000001
args=(--urls "http://127.0.0.1:$port" "--SecBot:Database:Path=$work/secbot.db"
      "--SecBot:Alerts:RoutingKeys:$key:Type=general" "--SecBot:Alerts:NewIncidents:PerKey=1000000")
now_ns() { date +%s%N; }

# Sets pid and ready_ms (not in a subshell: the caller needs the pid).
start_host() {
  SECBOT_SETTINGS="$root/appsettings.json" dotnet "$1" "${args[@]}" >"$work/host.log" 2>&1 &
  pid=$!
  local t0=$2
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true) == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/host.log"; exit 1; }
    sleep 0.01
  done
  ready_ms=$(( ($(now_ns) - t0) / 1000000 ))
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

start_host "$dll" "$(now_ns)"
for batch in 1 2 3 4 5; do
  notification "$batch" >"$work/alerts.json"
  curl -sf -o /dev/null -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$work/alerts.json" "http://127.0.0.1:$port/alerts/alertmanager"
done
sleep 5 # the console platform delivers the pages
stop_host
echo "store: $(sqlite3 "$work/secbot.db" "SELECT count(*) FROM incidents WHERE state <> 'resolved'") open incidents, $(sqlite3 "$work/secbot.db" 'SELECT count(*) FROM pages') pages, $(sqlite3 "$work/secbot.db" 'SELECT count(*) FROM timers WHERE fired_at IS NULL') pending timers, $(sqlite3 "$work/secbot.db" 'SELECT count(*) FROM outbox') outbox rows"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A ready rss cold warm
for run in $(seq 1 "$runs"); do
  for b in "${!dlls[@]}"; do
    start_host "${dlls[$b]}" "$(now_ns)"
    ready[$b]+=" $ready_ms"
    sleep 5
    rss[$b]+=" $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")"
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")
    if [[ $code == 200 ]]; then
      sleep 5.1 # past the store gauges' cache: the next scrape reads the store
      cold[$b]+=" $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/metrics")"
      for _ in $(seq 1 100); do warm[$b]+=" $(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/metrics")"; done
    fi
    stop_host
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

stats() { # label, unit, scale, values...: median, p99 (of 100 or more values; else the worst) and best
  local label=$1 unit=$2 scale=$3; shift 3
  printf '%s\n' "$@" | sort -g | awk -v l="$label" -v u="$unit" -v s="$scale" '{v[NR]=$1*s} END {
    p99=v[int(NR*0.99) > 0 ? int(NR*0.99) : NR]; printf "  %-40s n=%d  median %.1f %s  p99/max %.1f %s  min %.1f %s\n", l, NR, v[int((NR+1)/2)], u, (NR>=100?p99:v[NR]), u, v[1], u }'
}
for b in "${!dlls[@]}"; do
  echo "${dlls[$b]}:"
  stats "start → /readyz 200" ms 1 ${ready[$b]}
  stats "RSS 5 s after ready (idle)" MiB 1 ${rss[$b]}
  if [[ -n ${cold[$b]:-} ]]; then
    stats "/metrics, store read (cache expired)" ms 1000 ${cold[$b]}
    stats "/metrics, gauges cached (back to back)" ms 1000 ${warm[$b]}
  fi
done
