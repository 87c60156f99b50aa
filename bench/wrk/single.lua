-- One POST /v1/messages per request, each to a different number (thread id and a counter make it unique).
-- RATE (requests/s over all threads; THREADS says how many) paces them: each thread keeps a schedule
-- of its share, a connection free early waits for the next slot, and a late one goes at once without
-- making up, so the offered rate is RATE while the server keeps up (wrk's own pace is as fast as it answers).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } recado_timespec;
int clock_gettime(int clock, recado_timespec *tp);
]]
local clock = ffi.new("recado_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end
local interval = nil
local next_at = 0
local counter = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  thread_id = tonumber(tid)
  local rate = tonumber(os.getenv("RATE") or "")
  if rate then
    interval = 1000 * tonumber(os.getenv("THREADS") or "1") / rate
  end
end
function delay()
  if not interval then
    return 0
  end
  local t = now_ms()
  if next_at < t then
    next_at = t
  end
  local wait = next_at - t
  next_at = next_at + interval
  return wait
end
request = function()
  counter = counter + 1
  local to = string.format("+3462%d%06d", thread_id % 10, counter)
  local body = '{"to":"' .. to .. '","body":"Tu pedido 1234 ha salido. Gracias por comprar con nosotros."}'
  return wrk.format("POST", "/v1/messages", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("KEY")}, body)
end
response = function(status, headers, body)
  if status ~= 201 and status ~= 202 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
