--[[
  The stage's "Next" and "Skip" in one step: the live question (if any) is answered
  (next) or goes back to approved (skip), and the next question goes live: the
  first approved one in "Up next", or with none there the top of the rank set.
  The caller reads the stage, the queue and the rank and names what it chose; the
  script checks all of it and answers STAGE_MOVED or RETRY when anything moved.
  KEYS[1] log stream  KEYS[2] queue list  KEYS[3] rank set  KEYS[4] approved set
  KEYS[5] live set  KEYS[6] answered set  KEYS[7] hash of the live question
  KEYS[8] hash of the next question (KEYS[1] for either when there is none; then
  never touched)  KEYS[9..] hashes of the ids of ARGV[8..]
  ARGV[1] next | skip  ARGV[2] now  ARGV[3] actor id  ARGV[4] id live as read ('' none)
  ARGV[5] id to put live ('' none)  ARGV[6] the queue as read, comma separated
  ARGV[7] actor name  ARGV[8..] the queued ids before the next one (all, when it
  comes from the rank): no longer approved, they leave the queue
  Returns: { log id of the change of the question that left the stage, log id of the
  one that went live } ('' for none).
  Errors: STAGE_MOVED (someone changed the stage); RETRY (queue, rank or a status moved).
]]
local rcall = redis.call
local now, actor, liveId, nextId, actorName = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[7]
local queueKey, rankKey, approvedSet, liveSet = KEYS[2], KEYS[3], KEYS[4], KEYS[5]

local live = rcall('ZRANGE', liveSet, 0, -1)
if #live > 1 or (live[1] or '') ~= liveId then return redis.error_reply('STAGE_MOVED') end
local queue = rcall('LRANGE', queueKey, 0, -1)
if table.concat(queue, ',') ~= ARGV[6] then return redis.error_reply('RETRY') end
local position = 0
for i, id in ipairs(queue) do
  if id == nextId then position = i; break end
end
local stale = position > 0 and position - 1 or #queue
if #ARGV - 7 ~= stale then return redis.error_reply('RETRY') end
for i = 1, stale do
  if ARGV[7 + i] ~= queue[i] or rcall('HGET', KEYS[8 + i], 'status') == 'approved' then
    return redis.error_reply('RETRY')
  end
end
if position == 0 and nextId ~= (rcall('ZREVRANGE', rankKey, 0, 0)[1] or '') then
  return redis.error_reply('RETRY')
end
if nextId ~= '' and rcall('HGET', KEYS[8], 'status') ~= 'approved' then
  return redis.error_reply('RETRY')
end

for i = 1, stale do rcall('LREM', queueKey, 0, queue[i]) end
local leftLog, shownLog = '', ''
if liveId ~= '' then
  local answered = ARGV[1] == 'next'
  local to = answered and 'answered' or 'approved'
  setStatus(KEYS[7], liveId, liveSet, answered and KEYS[6] or approvedSet, to, '', now, rankKey,
    queueKey)
  leftLog = rcall('XADD', KEYS[1], '*', 'type', answered and 'question.answer' or 'question.returned',
    'id', liveId, 'actor', actor, 'actorName', actorName, 'from', 'live', 'status', to)
end
if nextId ~= '' then
  setStatus(KEYS[8], nextId, approvedSet, liveSet, 'live', '', now, rankKey, queueKey)
  shownLog = rcall('XADD', KEYS[1], '*', 'type', 'question.show', 'id', nextId, 'actor', actor,
    'actorName', actorName, 'from', 'approved', 'status', 'live')
end
return { leftLog, shownLog }
