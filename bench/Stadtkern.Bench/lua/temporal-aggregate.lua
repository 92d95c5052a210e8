-- Aggregated temporal representation of one entity's whole history (avg and max per hour): BENCH_ID holds
-- BENCH_INSTANCES instances of one numeric attribute, one every 36 s.
local path = "/ngsi-ld/v1/temporal/entities/" .. os.getenv("BENCH_ID") .. "?options=aggregatedValues&aggrMethods=avg,max&aggrPeriodDuration=PT1H"
request = function()
  return wrk.format("GET", path)
end
