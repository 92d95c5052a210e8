-- Partial attribute update (durable, with history) of a random entity.
local n = tonumber(os.getenv("BENCH_N"))
request = function()
  local body = string.format('{"value":%.3f}', math.random())
  return wrk.format("PATCH", "/ngsi-ld/v1/entities/urn:ngsi-ld:WasteContainer:bench-" .. math.random(1, n) .. "/attrs/fillingLevel",
    { ["Content-Type"] = "application/json" }, body)
end
