--[[
  Reads the near-duplicate candidates of a new question (read only).
  KEYS[1] fingerprints hash  KEYS[2] clusterOf hash  KEYS[3..] LSH band sets
  ARGV[1] most candidates to return
  Returns: { {size of each band set}, {id, fingerprint JSON, cluster leader id, ...} }
  The band sizes let submit-question see whether a concurrent insert touched the
  same bands in the meantime.
]]
local rcall = redis.call
local sizes, seen, found = {}, {}, {}
local limit = tonumber(ARGV[1])
for i = 3, #KEYS do
  sizes[#sizes + 1] = rcall('SCARD', KEYS[i])
  for _, id in ipairs(rcall('SMEMBERS', KEYS[i])) do
    if not seen[id] and #found < limit * 3 then
      seen[id] = true
      local fp = rcall('HGET', KEYS[1], id)
      if fp then
        found[#found + 1] = id
        found[#found + 1] = fp
        found[#found + 1] = rcall('HGET', KEYS[2], id) or id
      end
    end
  end
end
return { sizes, found }
