--[[
  Stores a new question: held, pending (or approved, when pre-moderation is off) as
  the leader of a new cluster (indexed in the LSH bands), or merged into the cluster
  of an earlier question. Refused while intake is closed, and in slow mode when the
  asker's newest question is younger than slowModeSeconds (only stored questions
  count: a refused attempt leaves nothing in the participant's set).
  KEYS[1] meta hash  KEYS[2] question hash  KEYS[3] set of the question's status
  KEYS[4] participant's set  KEYS[5] log stream  KEYS[6] cluster leader's hash (= KEYS[2]
  for a new cluster)  KEYS[7] leader's askers set  KEYS[8] fingerprints hash
  KEYS[9] clusterOf hash  KEYS[10] rank set  KEYS[11..] LSH band sets
  ARGV[1] id  ARGV[2] text  ARGV[3] publicText  ARGV[4] length  ARGV[5] authorId
  ARGV[6] authorName ('')  ARGV[7] now  ARGV[8] status (held|pending|approved|merged)
  ARGV[9] filter reasons, comma separated  ARGV[10] config revision the filter used
  ARGV[11] leader id ('' for a new cluster)  ARGV[12] fingerprint JSON
  ARGV[13..] expected size of each band set (as find-candidates saw it)
  Returns: the log id.
  Errors: EVENT_NOT_FOUND; QUESTIONS_CLOSED; SLOW_MODE <ms until the asker may ask
  again>; TOO_LONG <limit>; STALE_CONFIG (refilter); RETRY (a
  concurrent question touched the same bands: look again); LEADER_CLOSED (the
  leader is no longer open for duplicates); ALREADY_ASKED (same asker, same cluster).
]]
local rcall = redis.call
local limit, open, endedAt, slow = unpack(rcall('HMGET', KEYS[1], 'maxQuestionLength', 'open',
  'endedAt', 'slowModeSeconds'))
if not limit then return redis.error_reply('EVENT_NOT_FOUND') end
if open == '0' or endedAt then return redis.error_reply('QUESTIONS_CLOSED') end
local slowMs = (tonumber(slow) or 0) * 1000
if slowMs > 0 then
  local newest = rcall('ZREVRANGE', KEYS[4], 0, 0, 'WITHSCORES')[2]
  local wait = newest and tonumber(newest) + slowMs - tonumber(ARGV[7]) or 0
  if wait > 0 then return redis.error_reply('SLOW_MODE ' .. wait) end
end
if tonumber(ARGV[4]) > tonumber(limit) then return redis.error_reply('TOO_LONG ' .. limit) end
if (rcall('HGET', KEYS[1], 'configRev') or '0') ~= ARGV[10] then
  return redis.error_reply('STALE_CONFIG')
end

local id, status, leader = ARGV[1], ARGV[8], ARGV[11]
if status ~= 'held' then
  for i = 11, #KEYS do
    if rcall('SCARD', KEYS[i]) ~= tonumber(ARGV[i + 2]) then return redis.error_reply('RETRY') end
  end
end
if leader ~= '' then
  local open = { pending = true, approved = true, live = true, answered = true }
  if not open[rcall('HGET', KEYS[6], 'status') or ''] then return redis.error_reply('LEADER_CLOSED') end
  if rcall('SISMEMBER', KEYS[7], ARGV[5]) == 1 then return redis.error_reply('ALREADY_ASKED') end
end

rcall('HSET', KEYS[2], 'id', id, 'text', ARGV[2], 'publicText', ARGV[3], 'authorId', ARGV[5],
  'authorName', ARGV[6], 'status', status, 'reason', '', 'reasons', ARGV[9],
  'askedBy', 1, 'votes', 0, 'pinned', 0, 'starred', 0, 'rev', 1,
  'createdAt', ARGV[7], 'updatedAt', ARGV[7], 'statusAt', ARGV[7])
if status == 'approved' then rcall('HSET', KEYS[2], 'decidedAt', ARGV[7]) end
rerank(KEYS[2], KEYS[10])
rcall('ZADD', KEYS[3], ARGV[7], id)
rcall('ZADD', KEYS[4], ARGV[7], id)
rcall('HSET', KEYS[8], id, ARGV[12])
rcall('SADD', KEYS[7], ARGV[5])
if leader ~= '' then
  rcall('HSET', KEYS[9], id, leader)
  rcall('HSET', KEYS[6], 'askedBy', rcall('SCARD', KEYS[7]), 'updatedAt', ARGV[7])
  rcall('HINCRBY', KEYS[6], 'rev', 1)
  rerank(KEYS[6], KEYS[10])
elseif status ~= 'held' then
  for i = 11, #KEYS do rcall('SADD', KEYS[i], id) end
end
return rcall('XADD', KEYS[5], '*', 'type', 'question.submitted', 'id', id, 'actor', ARGV[5],
  'actorName', ARGV[6], 'status', status, 'cluster', leader)
