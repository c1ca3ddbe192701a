--[[
  Takes a merged question out of its cluster: it leads a cluster of its own again,
  pending, and is indexed for near-duplicates.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] leader hash  KEYS[4] leader's
  askers set  KEYS[5] the question's own askers set  KEYS[6] clusterOf hash
  KEYS[7] merged set  KEYS[8] pending set  KEYS[9] rank set  KEYS[10] the actor's
  undo list  KEYS[11..] the question's LSH band sets
  Votes stay with the leader: the cluster's voters voted for the leader's question.
  ARGV[1] id  ARGV[2] leader id the caller read  ARGV[3] now  ARGV[4] actor id
  ARGV[5] actor name
  The log entry records what an undo needs: from (the leader), fromAt (statusAt
  before), both revs after (rev, leaderRev) and indexed ('1': the split put the
  question into its band sets; a former leader merged away is in them already).
  Returns: the log id.
  Errors: QUESTION_NOT_FOUND; CONFLICT <status>; RETRY (its cluster changed).
]]
local rcall = redis.call
local id = ARGV[1]
local q = rcall('HMGET', KEYS[2], 'status', 'authorId', 'statusAt', 'createdAt')
local status = q[1]
if not status then return redis.error_reply('QUESTION_NOT_FOUND') end
if status ~= 'merged' then return redis.error_reply('CONFLICT ' .. status) end
if rcall('HGET', KEYS[6], id) ~= ARGV[2] then return redis.error_reply('RETRY') end

local author = q[2]
rcall('HDEL', KEYS[6], id)
rcall('SREM', KEYS[4], author)
rcall('SADD', KEYS[5], author)
rcall('ZREM', KEYS[7], id)
rcall('ZADD', KEYS[8], q[4], id)
rcall('HSET', KEYS[2], 'status', 'pending', 'askedBy', 1, 'votes', 0, 'updatedAt', ARGV[3],
  'statusAt', ARGV[3])
local rev = rcall('HINCRBY', KEYS[2], 'rev', 1)
rerank(KEYS[2], KEYS[9])
rcall('HSET', KEYS[3], 'askedBy', rcall('SCARD', KEYS[4]), 'updatedAt', ARGV[3])
local leaderRev = rcall('HINCRBY', KEYS[3], 'rev', 1)
rerank(KEYS[3], KEYS[9])
local indexed = '0'
for i = 11, #KEYS do
  if rcall('SADD', KEYS[i], id) == 1 then indexed = '1' end
end
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.split', 'id', id, 'from', ARGV[2],
  'actor', ARGV[4], 'actorName', ARGV[5] or '', 'fromAt', q[3] or q[4], 'rev', rev,
  'leaderRev', leaderRev, 'indexed', indexed)
rcall('LPUSH', KEYS[10], logId)
rcall('LTRIM', KEYS[10], 0, 49)
return logId
