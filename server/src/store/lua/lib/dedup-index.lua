-- Replaces a question's near-duplicate fingerprint (an edit, or its undo). A question
-- in the index (in the LSH band sets of its old fingerprint: a cluster leader) leaves
-- those sets and joins the new fingerprint's; one outside the index stays outside.
-- The band sets are KEYS[oldFirst..oldLast] and KEYS[newFirst..newLast].
local function replacePrint(printsKey, id, print, oldFirst, oldLast, newFirst, newLast)
  local indexed = false
  for k = oldFirst, oldLast do
    if redis.call('SREM', KEYS[k], id) == 1 then indexed = true end
  end
  if indexed then
    for k = newFirst, newLast do redis.call('SADD', KEYS[k], id) end
  end
  redis.call('HSET', printsKey, id, print)
end
