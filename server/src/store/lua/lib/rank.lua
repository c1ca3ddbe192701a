-- Ranking, as documented in shared/src/domain/ranking.ts (its constants are filled in
-- by scripts.ts): weight = 1 + votes + (askedBy - 1) + STAR_BOOST·starred, and
-- score = ln(weight) + createdAt / DECAY_MS. The score is kept on the question hash;
-- the rank set holds approved cluster leaders only (what the stage takes when
-- "Up next" is empty), pinned ones above all others as in `byPopularity` (the set's
-- score is raised by PIN_LIFT, far above any freshness gap; the hash keeps the plain
-- score). Call after any change of votes, askedBy, starred, pinned or status.
local STAR_BOOST, DECAY_MS, PIN_LIFT = ${STAR_BOOST}, ${DECAY_MS}, 1e9
local function rerank(qkey, rankKey)
  local f = redis.call('HMGET', qkey, 'id', 'votes', 'askedBy', 'starred', 'createdAt', 'status',
    'pinned')
  local weight = 1 + (tonumber(f[2]) or 0) + (tonumber(f[3]) or 1) - 1
  if f[4] == '1' then weight = weight + STAR_BOOST end
  local score = math.log(weight) + (tonumber(f[5]) or 0) / DECAY_MS
  -- 17 significant digits: the score survives the trip through a string exactly.
  redis.call('HSET', qkey, 'score', string.format('%.17g', score))
  if f[6] == 'approved' then
    redis.call('ZADD', rankKey, f[7] == '1' and score + PIN_LIFT or score, f[1])
  else
    redis.call('ZREM', rankKey, f[1])
  end
  return score
end
