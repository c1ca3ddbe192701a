-- Moves a question from one status to another the way every script does it: the
-- status sets (scored by creation time), status, reason, updatedAt and statusAt,
-- decidedAt on the first decision, rev + 1, the rank, and "Up next", where only
-- approved questions wait.
local function setStatus(qkey, id, fromSet, toSet, to, reason, now, rankKey, queueKey)
  local from = redis.call('HGET', qkey, 'status')
  redis.call('ZREM', fromSet, id)
  redis.call('ZADD', toSet, redis.call('HGET', qkey, 'createdAt'), id)
  redis.call('HSET', qkey, 'status', to, 'reason', reason, 'updatedAt', now, 'statusAt', now)
  if (from == 'pending' or from == 'held') and not redis.call('HGET', qkey, 'decidedAt') then
    redis.call('HSET', qkey, 'decidedAt', now)
  end
  redis.call('HINCRBY', qkey, 'rev', 1)
  if to ~= 'approved' then redis.call('LREM', queueKey, 0, id) end
  rerank(qkey, rankKey)
end
