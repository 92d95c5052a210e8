-- Geo near query: containers within 100 m of a random point in the city's bounding box.
request = function()
  local lon = 8.60 + math.random() * 0.10
  local lat = 49.84 + math.random() * 0.06
  return wrk.format("GET", string.format("/ngsi-ld/v1/entities?type=WasteContainer&georel=near%%3BmaxDistance%%3D%%3D100&geometry=Point&coordinates=%%5B%.5f,%.5f%%5D&limit=20", lon, lat))
end
