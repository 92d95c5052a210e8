-- Sustained ingestion: batch upsert (options=update) of BENCH_BATCH existing entities, each with five numeric attributes
-- carrying a new value and a new observedAt, so that every request adds BENCH_BATCH * 5 attribute instances to history.
-- Each request takes the next block of BENCH_BATCH entities among BENCH_INGEST_ENTITIES; its instants are
-- BENCH_EPOCH + the thread's request count in seconds, with the thread's number as milliseconds: no two coincide.
local entities = tonumber(os.getenv("BENCH_INGEST_ENTITIES"))
local batch = tonumber(os.getenv("BENCH_BATCH"))
local epoch = tonumber(os.getenv("BENCH_EPOCH"))
local blocks = math.floor(entities / batch)
local names = { "temperature", "humidity", "pressure", "noise", "pm10" }
local next_thread = 0
setup = function(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end
local counter = 0
local headers = { ["Content-Type"] = "application/json" }
request = function()
  counter = counter + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%S", epoch + counter) .. string.format(".%03dZ", thread_number or 0)
  local first = ((counter + (thread_number or 0)) % blocks) * batch
  local parts = {}
  for e = 1, batch do
    local attrs = {}
    for a = 1, #names do
      attrs[a] = string.format('"%s":{"type":"Property","value":%.2f,"observedAt":"%s"}', names[a], math.random() * 100, at)
    end
    parts[e] = string.format('{"id":"urn:ngsi-ld:IngestSensor:bench-%d","type":"IngestSensor",%s}', first + e, table.concat(attrs, ","))
  end
  return wrk.format("POST", "/ngsi-ld/v1/entityOperations/upsert?options=update", headers, "[" .. table.concat(parts, ",") .. "]")
end
