-- wrk script for the alerts benchmark: PagerDuty Events v2 triggers on one hot dedup key.
-- Run against a host held up by: SECBOT_BENCH_HOLD=60 dotnet run -c Release --project bench/SecBot.Bench -- alerts
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"routing_key":"bench-routing-key-0000000000000001","event_action":"trigger","dedup_key":"hot-key","payload":{"summary":"Disk full on hot-key","source":"db1.prod","severity":"warning"},"client":"bench","client_url":"https://monitoring.example/db1"}'

local answered, refused = 0, 0
function response(status, headers, body)
  if status == 202 then answered = answered + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d (wrk counts errors per thread; see 'Non-2xx' above)\n", summary.errors.status))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
