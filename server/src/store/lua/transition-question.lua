--[[
  Moves a question to a new status, checking the state machine's allowed sources
  atomically. For `show` it also returns the question now on stage to approved.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] hash of the question expected
  on stage (= KEYS[2] when none)  KEYS[4..] status sets in the order of ARGV[8], then
  the rank set, the fingerprints hash and the LSH band sets of the question's index entry
  ARGV[1] action  ARGV[2] target status  ARGV[3] allowed sources, comma separated
  ARGV[4] now  ARGV[5] actor  ARGV[6] reason ('' for none)
  ARGV[7] id expected on stage for `show` ('' when none)  ARGV[8] statuses, comma separated
  ARGV[9] new public text ('' keeps it)  ARGV[10] fingerprint JSON: with it, `approve`
  indexes the question as a cluster leader (held questions were left out at intake)
  ARGV[11] the status the moderator saw ('' when not given)
  Returns: { log id, the status the question had before }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <current status> (not allowed from there, or
  not the status the moderator saw); STAGE_MOVED (retry: the
  stage changed since the caller read it).
]]
local rcall = redis.call
local setOf = {}
local i = 4
for name in string.gmatch(ARGV[8], '[^,]+') do setOf[name] = KEYS[i]; i = i + 1 end
local rankKey, fingerprints, firstBand = KEYS[i], KEYS[i + 1], i + 2

local current = rcall('HGET', KEYS[2], 'status')
if not current then return redis.error_reply('QUESTION_NOT_FOUND') end
local allowed = false
for name in string.gmatch(ARGV[3], '[^,]+') do
  if name == current then allowed = true end
end
if not allowed or (ARGV[11] ~= '' and ARGV[11] ~= current) then
  return redis.error_reply('CONFLICT ' .. current)
end

local function move(qkey, id, from, to, reason)
  local score = rcall('HGET', qkey, 'createdAt')
  rcall('ZREM', setOf[from], id)
  rcall('ZADD', setOf[to], score, id)
  rcall('HSET', qkey, 'status', to, 'reason', reason, 'updatedAt', ARGV[4], 'statusAt', ARGV[4])
  if (from == 'pending' or from == 'held') and not rcall('HGET', qkey, 'decidedAt') then
    rcall('HSET', qkey, 'decidedAt', ARGV[4])
  end
  rcall('HINCRBY', qkey, 'rev', 1)
  rerank(qkey, rankKey)
end

local id = rcall('HGET', KEYS[2], 'id')
if ARGV[1] == 'show' then
  local live = rcall('ZRANGE', setOf['live'], 0, -1)
  local expected = ARGV[7]
  if #live > 1 or (#live == 1 and live[1] ~= expected) or (#live == 0 and expected ~= '') then
    return redis.error_reply('STAGE_MOVED')
  end
  if expected ~= '' then
    move(KEYS[3], expected, 'live', 'approved', '')
    rcall('XADD', KEYS[1], '*', 'type', 'question.returned', 'id', expected, 'actor', ARGV[5])
  end
end
if ARGV[9] ~= '' then rcall('HSET', KEYS[2], 'publicText', ARGV[9]) end
move(KEYS[2], id, current, ARGV[2], ARGV[6])
if ARGV[1] == 'approve' and ARGV[10] ~= '' then
  rcall('HSET', fingerprints, id, ARGV[10])
  for b = firstBand, #KEYS do rcall('SADD', KEYS[b], id) end
end
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.' .. ARGV[1], 'id', id,
  'actor', ARGV[5], 'status', ARGV[2], 'edited', ARGV[9] ~= '' and '1' or '0')
return { logId, current }
