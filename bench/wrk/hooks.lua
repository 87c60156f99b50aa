-- Signed WhatsApp status webhooks, as Meta posts them: each request one of the bodies prepared in
-- HOOK_FILE (a line "signature<TAB>body" each, signed with the sender's app secret beforehand, since
-- wrk's Lua has no HMAC); each wrk thread starts at its own offset and cycles through them.
local bodies = {}
local next_body = 1
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  for line in io.lines(os.getenv("HOOK_FILE")) do
    local tab = line:find("\t", 1, true)
    bodies[#bodies + 1] = { line:sub(1, tab - 1), line:sub(tab + 1) }
  end
  next_body = (tonumber(tid) - 1) * math.floor(#bodies / 4) + 1
  wrk.method = "POST"
  wrk.path = os.getenv("HOOK_PATH")
end
request = function()
  local b = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = b[1] }, b[2])
end
