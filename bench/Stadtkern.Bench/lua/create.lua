-- Create new entities with ids unique per thread.
local counter = 0
local prefix = ""
setup = function(thread)
  thread:set("prefix", tostring(math.random(1, 1e9)))
end
init = function(args)
  prefix = wrk.thread:get("prefix") or tostring(math.random(1, 1e9))
end
request = function()
  counter = counter + 1
  local body = string.format('{"id":"urn:ngsi-ld:WasteContainer:new-%s-%d","type":"WasteContainer","fillingLevel":{"type":"Property","value":0.5},"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[8.65,49.87]}}}', prefix, counter)
  return wrk.format("POST", "/ngsi-ld/v1/entities", { ["Content-Type"] = "application/json" }, body)
end
