-- POST /v1/messages/batch with BATCH items per request, every item to a different number.
local counter = 0
local thread_id = 0
local threads = {}
local size = tonumber(os.getenv("BATCH") or "1000")
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  thread_id = tonumber(tid)
end
request = function()
  local items = {}
  for i = 1, size do
    counter = counter + 1
    items[i] = string.format('{"to":"+3463%d%06d","body":"Tu pedido %d ha salido. Gracias por comprar con nosotros."}',
      thread_id % 10, counter, counter)
  end
  local body = '{"messages":[' .. table.concat(items, ",") .. ']}'
  return wrk.format("POST", "/v1/messages/batch", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("KEY")}, body)
end
response = function(status, headers, body)
  if status ~= 200 and status ~= 201 and status ~= 207 then
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
  end
end
