-- Baseline: an authenticated GET that does one small query, to price the web edge itself.
request = function()
  return wrk.format("GET", "/v1/billing/balance", {["Authorization"] = "Bearer " .. os.getenv("KEY")})
end
