-- One POST /v1/messages per request, each to a different number (thread id and a counter make it unique).
local counter = 0
local thread_id = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  thread_id = tonumber(tid)
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
