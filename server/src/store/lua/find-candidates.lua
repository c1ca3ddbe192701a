--[[
  Reads the near-duplicate candidates of a new question (read only): the cluster
  leaders that share the most LSH bands with it (see rankByBandHits in shared).
  KEYS[1] fingerprints hash  KEYS[2] clusterOf hash  KEYS[3..] LSH band sets
  ARGV[1] most candidates to return
  Returns: { {size of each band set}, {id, fingerprint JSON, cluster leader id, ...} }
  The band sizes let submit-question see whether a concurrent insert touched the
  same bands in the meantime.
]]
local rcall = redis.call
local sizes, hits, ids = {}, {}, {}
for i = 3, #KEYS do
  sizes[#sizes + 1] = rcall('SCARD', KEYS[i])
  for _, id in ipairs(rcall('SMEMBERS', KEYS[i])) do
    if hits[id] then hits[id] = hits[id] + 1 else hits[id] = 1; ids[#ids + 1] = id end
  end
end
table.sort(ids, function(a, b) return hits[a] > hits[b] end)
local found = {}
for i = 1, math.min(#ids, tonumber(ARGV[1])) do
  local fp = rcall('HGET', KEYS[1], ids[i])
  if fp then
    found[#found + 1] = ids[i]
    found[#found + 1] = fp
    found[#found + 1] = rcall('HGET', KEYS[2], ids[i]) or ids[i]
  end
end
return { sizes, found }
