-- Prints one JSON line with throughput, latency percentiles and errors (read by bench/http.py).
-- With BENCH_PATHS=<file of paths>, each request takes the next path (threads start at different offsets).

local paths = {}
local path_file = os.getenv("BENCH_PATHS")
if path_file then
  for line in io.lines(path_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
end
local counter = 0

setup = function(thread)
  thread:set("offset", math.random(1, 100000))
end

request = function()
  if #paths == 0 then
    return wrk.request()
  end
  counter = counter + 1
  return wrk.format("GET", paths[((counter + (offset or 0)) % #paths) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
