-- The latest instance of every entity of one type, one page of BENCH_LIMIT entities, all instances after BENCH_TIME_AT.
local path = string.format("/ngsi-ld/v1/temporal/entities?type=%s&lastN=1&limit=%s&timerel=after&timeAt=%s",
  os.getenv("BENCH_TYPE"), os.getenv("BENCH_LIMIT"), os.getenv("BENCH_TIME_AT"))
request = function()
  return wrk.format("GET", path)
end
