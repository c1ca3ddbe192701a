--[[
  Moves a question to a new status, checking the state machine's allowed sources
  atomically. For `show` it also returns the question now on stage to approved.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] hash of the question expected
  on stage (= KEYS[2] when none)  KEYS[4..] status sets in the order of ARGV[8], then
  the rank set, the fingerprints hash, the "Up next" list, the actor's undo list, and
  for `approve` the LSH band sets of the fingerprint the caller read (ARGV[16] of
  them), then those of the new one
  ARGV[1] action  ARGV[2] target status  ARGV[3] allowed sources, comma separated
  ARGV[4] now  ARGV[5] actor id  ARGV[6] reason ('' for none)
  ARGV[7] id expected on stage for `show` ('' when none)  ARGV[8] statuses, comma separated
  ARGV[9] new public text ('' keeps it)  ARGV[10] fingerprint JSON of the public text
  ('' for none): `approve` replaces the question's fingerprint by it and indexes the
  question as a cluster leader (held questions were left out at intake), moving it out
  of the read fingerprint's band sets as an edit does (lib/dedup-index.lua)
  ARGV[11] the status the moderator saw ('' when not given)  ARGV[12] actor name
  ARGV[13] '1': the actor may undo this (its log id goes on the undo list)
  With ARGV[10]: ARGV[14] the rev the caller read  ARGV[15] the fingerprint JSON it read
  ARGV[16] how many band sets are the read fingerprint's  ARGV[17] '1' when the
  fingerprint read is of the asker's words while the public text is not
  The log entry records what undo needs to restore: from, fromAt (statusAt before),
  prevReason, decided ('1' when this set decidedAt), the public text before an edit
  (see lib/text.lua), rev (the question's rev after the change), and when the
  fingerprint was replaced indexed ('1': the approval put the question into the
  index; '0': it was there, and moved) and printAsked (as edit-question logs it).
  Returns: { log id, the status the question had before }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <current status> (not allowed from there, or
  not the status the moderator saw); STAGE_MOVED (retry: the
  stage changed since the caller read it); RETRY (an approval's question or
  fingerprint changed since the caller read them).
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
local reprint = ARGV[1] == 'approve' and ARGV[10] ~= ''
-- An approval replaces the fingerprint the caller read, by that of the text it read.
if reprint and (rcall('HGET', KEYS[2], 'rev') ~= ARGV[14]
    or (rcall('HGET', fingerprints, id) or '') ~= ARGV[15]) then
  return redis.error_reply('RETRY')
end
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
local after = rcall('HMGET', KEYS[2], 'decidedAt', 'rev')
for _, field in ipairs({ 'decided', (after[1] and not before[4]) and '1' or '0', 'rev', after[2] }) do
  entry[#entry + 1] = field
end
if reprint then
  -- Approved questions lead clusters, matched as the public reads them (as after an edit).
  local lastRead = firstBand - 1 + tonumber(ARGV[16])
  local wasIndexed = replacePrint(fingerprints, id, ARGV[10], firstBand, lastRead, lastRead + 1,
    #KEYS, true)
  entry[#entry + 1] = 'indexed'
  entry[#entry + 1] = wasIndexed and '0' or '1'
  if ARGV[17] == '1' then
    entry[#entry + 1] = 'printAsked'
    entry[#entry + 1] = '1'
  end
end
local logId = rcall('XADD', KEYS[1], '*', unpack(entry))
if ARGV[13] == '1' then
  rcall('LPUSH', undoKey, logId)
  rcall('LTRIM', undoKey, 0, 49)
end
return { logId, current }
