-- Replaces a question's near-duplicate fingerprint (an edit, an approval, or their
-- undo). A question in the index (in the LSH band sets of its old fingerprint: a
-- cluster leader) leaves those sets and joins the new fingerprint's; one outside the
-- index stays outside, unless `index` says whether it joins (an approval indexes the
-- question; its undo leaves the index when the approval put it there).
-- The band sets are KEYS[oldFirst..oldLast] and KEYS[newFirst..newLast].
-- Returns whether the question was in the index before.
local function replacePrint(printsKey, id, print, oldFirst, oldLast, newFirst, newLast, index)
  local indexed = false
  for k = oldFirst, oldLast do
    if redis.call('SREM', KEYS[k], id) == 1 then indexed = true end
  end
  if index == nil then index = indexed end
  if index then
    for k = newFirst, newLast do redis.call('SADD', KEYS[k], id) end
  end
  redis.call('HSET', printsKey, id, print)
  return indexed
end
