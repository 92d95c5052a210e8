-- GET one entity by id, chosen at random among the loaded ones.
local n = tonumber(os.getenv("BENCH_N"))
request = function()
  return wrk.format("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:WasteContainer:bench-" .. math.random(1, n))
end
