-- wrk script of `make bench-newsroom` (scripts/newsroom_bench.py).
--   wrk ... -s scripts/newsroom.lua http://127.0.0.1:PORT -- paths.txt THREADS
-- Requests the paths of the file (one a line, drawn beforehand with the readers' popularity) in
-- order, each thread from its own place in the list, and tallies the X-Page-Cache header of the
-- answers (hit, stale, miss, none) and the 5xx. done() prints one line the bench parses:
--   newsroom-tally hit=N stale=N miss=N none=N 5xx=N

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

local paths = {}
local position = 0
hit, stale, miss, none, errors = 0, 0, 0, 0, 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  local count = tonumber(args[2]) or 1
  position = math.floor(#paths * thread_number / count)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function response(status, headers, body)
  local state = headers["X-Page-Cache"] or headers["x-page-cache"]
  if state == "hit" then
    hit = hit + 1
  elseif state == "stale" then
    stale = stale + 1
  elseif state == "miss" then
    miss = miss + 1
  else
    none = none + 1
  end
  if status >= 500 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total = {hit = 0, stale = 0, miss = 0, none = 0, errors = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do
      total[name] = total[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format("newsroom-tally hit=%d stale=%d miss=%d none=%d 5xx=%d\n",
    total.hit, total.stale, total.miss, total.none, total.errors))
end
