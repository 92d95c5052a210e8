request = function()
  return wrk.format("GET", "/plaintext")
end
