--[[
  Merges the cluster led by one question into the cluster led by another. The
  questions that move change cluster, so each gets rev + 1 (clients keep the highest).
  What an undo needs is kept: the log entry records the source's status before (from,
  fromAt), both revs after and the members that moved with it; the source's askers
  and voters sets are kept aside (keys.ts `mergedFrom`, named by the source's rev
  after the merge), with those its target lacked.
  KEYS[1] log stream  KEYS[2] source leader hash  KEYS[3] target leader hash
  KEYS[4] source askers set  KEYS[5] target askers set  KEYS[6] clusterOf hash
  KEYS[7] source's status set  KEYS[8] merged set  KEYS[9] source voters set
  KEYS[10] target voters set  KEYS[11] rank set  KEYS[12] queue list
  KEYS[13] the actor's undo list  KEYS[14..17] the source's kept askers, kept voters,
  new askers and new voters sets  KEYS[18..] hashes of the source cluster's members
  (the questions whose leader it is), as the caller read them
  ARGV[1] source id  ARGV[2] target id  ARGV[3] statuses the source may have, comma
  separated  ARGV[4] now  ARGV[5] actor id  ARGV[6] the source status the caller read
  ARGV[7] actor name  ARGV[8] the source rev the caller read  ARGV[9..] the members'
  ids, in the order of their keys
  Returns: { log id, ids of questions now in the target cluster that changed cluster }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <why>; RETRY (the source changed since the
  caller read it: its status, or its rev, which every change of its cluster bumps).
]]
local rcall = redis.call
local source, target = ARGV[1], ARGV[2]
local s = rcall('HMGET', KEYS[2], 'status', 'rev', 'statusAt', 'createdAt')
local status = s[1]
local targetStatus = rcall('HGET', KEYS[3], 'status')
if not status or not targetStatus then return redis.error_reply('QUESTION_NOT_FOUND') end
if status ~= ARGV[6] or s[2] ~= ARGV[8] then return redis.error_reply('RETRY') end
if source == target then return redis.error_reply('CONFLICT a question cannot merge into itself') end
local allowed = false
for name in string.gmatch(ARGV[3], '[^,]+') do
  if name == status then allowed = true end
end
if not allowed then return redis.error_reply('CONFLICT ' .. status) end
if targetStatus == 'merged' or rcall('HEXISTS', KEYS[6], target) == 1 then
  return redis.error_reply('CONFLICT the target is inside another cluster')
end
-- The rev check says no question joined or left since the read; this says the read was right.
for k = 18, #KEYS do
  if rcall('HGET', KEYS[6], ARGV[k - 9]) ~= source then return redis.error_reply('RETRY') end
end

local moved = { source }
for k = 18, #KEYS do
  rcall('HSET', KEYS[6], ARGV[k - 9], target)
  rcall('HINCRBY', KEYS[k], 'rev', 1)
  moved[#moved + 1] = ARGV[k - 9]
end
rcall('HSET', KEYS[6], source, target)
-- Kept for undo: whose askers and votes the source brought, and which the target lacked.
rcall('SDIFFSTORE', KEYS[16], KEYS[4], KEYS[5])
rcall('SDIFFSTORE', KEYS[17], KEYS[9], KEYS[10])
rcall('SUNIONSTORE', KEYS[5], KEYS[5], KEYS[4])
rcall('SUNIONSTORE', KEYS[14], KEYS[4])
rcall('DEL', KEYS[4])
-- Votes follow the askers: a participant who voted for both clusters counts once.
rcall('SUNIONSTORE', KEYS[10], KEYS[10], KEYS[9])
rcall('SUNIONSTORE', KEYS[15], KEYS[9])
rcall('DEL', KEYS[9])
rcall('ZREM', KEYS[7], source)
rcall('ZADD', KEYS[8], s[4], source)
rcall('LREM', KEYS[12], 0, source)
rcall('HSET', KEYS[2], 'status', 'merged', 'askedBy', 1, 'votes', 0, 'updatedAt', ARGV[4],
  'statusAt', ARGV[4])
local rev = rcall('HINCRBY', KEYS[2], 'rev', 1)
rerank(KEYS[2], KEYS[11])
rcall('HSET', KEYS[3], 'askedBy', rcall('SCARD', KEYS[5]), 'votes', rcall('SCARD', KEYS[10]),
  'updatedAt', ARGV[4])
local intoRev = rcall('HINCRBY', KEYS[3], 'rev', 1)
rerank(KEYS[3], KEYS[11])
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.merged', 'id', source,
  'into', target, 'actor', ARGV[5], 'actorName', ARGV[7] or '', 'from', status,
  'status', 'merged', 'fromAt', s[3] or s[4], 'rev', rev, 'intoRev', intoRev,
  'moved', table.concat(moved, ',', 2))
rcall('LPUSH', KEYS[13], logId)
rcall('LTRIM', KEYS[13], 0, 49)
return { logId, moved }
