--[[
  Merges the cluster led by one question into the cluster led by another.
  KEYS[1] log stream  KEYS[2] source leader hash  KEYS[3] target leader hash
  KEYS[4] source askers set  KEYS[5] target askers set  KEYS[6] clusterOf hash
  KEYS[7] source's status set  KEYS[8] merged set  KEYS[9] source voters set
  KEYS[10] target voters set  KEYS[11] rank set  KEYS[12] queue list
  ARGV[1] source id  ARGV[2] target id  ARGV[3] statuses the source may have, comma
  separated  ARGV[4] now  ARGV[5] actor id  ARGV[6] the source status the caller read
  ARGV[7] actor name
  Returns: { log id, ids of questions now in the target cluster that changed cluster }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <why>; RETRY (the source's status changed
  since the caller read it).
]]
local rcall = redis.call
local source, target = ARGV[1], ARGV[2]
local status = rcall('HGET', KEYS[2], 'status')
local targetStatus = rcall('HGET', KEYS[3], 'status')
if not status or not targetStatus then return redis.error_reply('QUESTION_NOT_FOUND') end
if status ~= ARGV[6] then return redis.error_reply('RETRY') end
if source == target then return redis.error_reply('CONFLICT a question cannot merge into itself') end
local allowed = false
for name in string.gmatch(ARGV[3], '[^,]+') do
  if name == status then allowed = true end
end
if not allowed then return redis.error_reply('CONFLICT ' .. status) end
if targetStatus == 'merged' or rcall('HEXISTS', KEYS[6], target) == 1 then
  return redis.error_reply('CONFLICT the target is inside another cluster')
end

local moved = { source }
local clusterOf = rcall('HGETALL', KEYS[6])
for i = 1, #clusterOf, 2 do
  if clusterOf[i + 1] == source then
    rcall('HSET', KEYS[6], clusterOf[i], target)
    moved[#moved + 1] = clusterOf[i]
  end
end
rcall('HSET', KEYS[6], source, target)
rcall('SUNIONSTORE', KEYS[5], KEYS[5], KEYS[4])
rcall('DEL', KEYS[4])
-- Votes follow the askers: a participant who voted for both clusters counts once.
rcall('SUNIONSTORE', KEYS[10], KEYS[10], KEYS[9])
rcall('DEL', KEYS[9])
rcall('ZREM', KEYS[7], source)
rcall('ZADD', KEYS[8], rcall('HGET', KEYS[2], 'createdAt'), source)
rcall('LREM', KEYS[12], 0, source)
rcall('HSET', KEYS[2], 'status', 'merged', 'askedBy', 1, 'votes', 0, 'updatedAt', ARGV[4],
  'statusAt', ARGV[4])
rcall('HINCRBY', KEYS[2], 'rev', 1)
rerank(KEYS[2], KEYS[11])
rcall('HSET', KEYS[3], 'askedBy', rcall('SCARD', KEYS[5]), 'votes', rcall('SCARD', KEYS[10]),
  'updatedAt', ARGV[4])
rcall('HINCRBY', KEYS[3], 'rev', 1)
rerank(KEYS[3], KEYS[11])
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.merged', 'id', source,
  'into', target, 'actor', ARGV[5], 'actorName', ARGV[7] or '')
return { logId, moved }
