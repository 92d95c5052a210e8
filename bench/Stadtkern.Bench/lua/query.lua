-- type + q query: full containers of one waste type (a few percent of all entities match).
request = function()
  local level = string.format("%.2f", 0.90 + math.random() * 0.09)
  return wrk.format("GET", "/ngsi-ld/v1/entities?type=WasteContainer&q=fillingLevel%3E" .. level .. "%3BwasteType%3D%3D%22glass%22&limit=20")
end
