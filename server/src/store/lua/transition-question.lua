--[[
  Moves a question to a new status, checking the state machine's allowed sources
  atomically. For `show` it also returns the question now on stage to approved.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] hash of the question expected
  on stage (= KEYS[2] when none)  KEYS[4..] status sets in the order of ARGV[8], then
  the rank set, the fingerprints hash, the "Up next" list, the actor's undo list, and
  the LSH band sets of the question's index entry
  ARGV[1] action  ARGV[2] target status  ARGV[3] allowed sources, comma separated
  ARGV[4] now  ARGV[5] actor id  ARGV[6] reason ('' for none)
  ARGV[7] id expected on stage for `show` ('' when none)  ARGV[8] statuses, comma separated
  ARGV[9] new public text ('' keeps it)  ARGV[10] fingerprint JSON: with it, `approve`
  indexes the question as a cluster leader (held questions were left out at intake)
  ARGV[11] the status the moderator saw ('' when not given)  ARGV[12] actor name
  ARGV[13] '1': the actor may undo this (its log id goes on the undo list)
  The log entry records what undo needs to restore: from, fromAt (statusAt before),
  prevReason, decided ('1' when this set decidedAt), the public text before an edit
  (see lib/text.lua) and rev (the question's rev after the change).
  Returns: { log id, the status the question had before }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <current status> (not allowed from there, or
  not the status the moderator saw); STAGE_MOVED (retry: the
  stage changed since the caller read it).
]]
local rcall = redis.call
local setOf = {}
local i = 4
for name in string.gmatch(ARGV[8], '[^,]+') do setOf[name] = KEYS[i]; i = i + 1 end
local rankKey, fingerprints, queueKey, undoKey = KEYS[i], KEYS[i + 1], KEYS[i + 2], KEYS[i + 3]
local firstBand = i + 4

local current = rcall('HGET', KEYS[2], 'status')
if not current then return redis.error_reply('QUESTION_NOT_FOUND') end
local allowed = false
for name in string.gmatch(ARGV[3], '[^,]+') do
  if name == current then allowed = true end
end
if not allowed or (ARGV[11] ~= '' and ARGV[11] ~= current) then
  return redis.error_reply('CONFLICT ' .. current)
end

local id = rcall('HGET', KEYS[2], 'id')
if ARGV[1] == 'show' then
  local live = rcall('ZRANGE', setOf['live'], 0, -1)
  local expected = ARGV[7]
  if #live > 1 or (#live == 1 and live[1] ~= expected) or (#live == 0 and expected ~= '') then
    return redis.error_reply('STAGE_MOVED')
  end
  if expected ~= '' then
    setStatus(KEYS[3], expected, setOf['live'], setOf['approved'], 'approved', '', ARGV[4],
      rankKey, queueKey)
    rcall('XADD', KEYS[1], '*', 'type', 'question.returned', 'id', expected, 'actor', ARGV[5],
      'actorName', ARGV[12])
  end
end

local before = rcall('HMGET', KEYS[2], 'statusAt', 'createdAt', 'reason', 'decidedAt')
local entry = { 'type', 'question.' .. ARGV[1], 'id', id, 'actor', ARGV[5], 'actorName', ARGV[12],
  'from', current, 'status', ARGV[2], 'edited', ARGV[9] ~= '' and '1' or '0',
  'fromAt', before[1] or before[2], 'prevReason', before[3] or '' }
if ARGV[6] ~= '' then
  entry[#entry + 1] = 'reason'
  entry[#entry + 1] = ARGV[6]
end
if ARGV[9] ~= '' then
  for _, field in ipairs(publicTextBefore(KEYS[2])) do entry[#entry + 1] = field end
  entry[#entry + 1] = 'after'
  entry[#entry + 1] = ARGV[9]
  rcall('HSET', KEYS[2], 'publicText', ARGV[9])
end
setStatus(KEYS[2], id, setOf[current], setOf[ARGV[2]], ARGV[2], ARGV[6], ARGV[4], rankKey, queueKey)
if ARGV[1] == 'approve' and ARGV[10] ~= '' then
  rcall('HSET', fingerprints, id, ARGV[10])
  for b = firstBand, #KEYS do rcall('SADD', KEYS[b], id) end
end
local after = rcall('HMGET', KEYS[2], 'decidedAt', 'rev')
for _, field in ipairs({ 'decided', (after[1] and not before[4]) and '1' or '0', 'rev', after[2] }) do
  entry[#entry + 1] = field
end
local logId = rcall('XADD', KEYS[1], '*', unpack(entry))
if ARGV[13] == '1' then
  rcall('LPUSH', undoKey, logId)
  rcall('LTRIM', undoKey, 0, 49)
end
return { logId, current }
