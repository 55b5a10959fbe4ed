-- wrk script: POST a rotating set of JSON bodies and report a machine-readable summary.
--
-- BENCH_BODIES  file with one JSON request body per line (required)
-- BENCH_PATH    request path (default /graphql)
--
-- Every response that is not a 200, or whose body contains "errors", is counted
-- as bad, so a benchmark of failing queries cannot pass for a fast one.

local bodies_path = os.getenv("BENCH_BODIES")
local url_path = os.getenv("BENCH_PATH") or "/graphql"
local bodies = {}
for line in io.lines(bodies_path) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
assert(#bodies > 0, "no request bodies in " .. tostring(bodies_path))

local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local threads = {}

setup = function(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end

local requests = {}
local idx = 0
bad = 0

init = function(args)
  for i, body in ipairs(bodies) do
    requests[i] = wrk.format("POST", url_path, headers, body)
  end
  -- Threads start at different points of the list.
  idx = ((tid or 0) * 37) % #requests
end

request = function()
  idx = idx % #requests + 1
  return requests[idx]
end

response = function(status, hdrs, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    bad = bad + 1
  end
end

done = function(summary, latency, reqs)
  local graphql_bad = 0
  for _, thread in ipairs(threads) do
    graphql_bad = graphql_bad + (thread:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"mean_us":%.1f,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,' ..
    '"non2xx":%d,"bad_responses":%d,"distinct_bodies":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status, graphql_bad, #bodies))
end
