--[[
  Replaces the public text of a question (a moderator's edit, filtered by the caller).
  The asker's `text` stays as typed; the log keeps the public text before (see
  lib/text.lua) and after. The question's near-duplicate fingerprint becomes the new
  text's, and a question in the index (a cluster leader in its LSH band sets) moves
  to the new text's bands, so later duplicates are matched against what the public
  reads. A question without a fingerprint keeps none.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] the actor's undo list
  KEYS[4] fingerprints hash  KEYS[5..] the band sets of the fingerprint the caller
  read, then those of the new one
  ARGV[1] new public text  ARGV[2] now  ARGV[3] actor id  ARGV[4] actor name
  ARGV[5] the status the moderator saw ('' when not given)  ARGV[6] the rev the caller
  read  ARGV[7] the fingerprint JSON the caller read ('' for none)  ARGV[8] the new
  text's fingerprint JSON  ARGV[9] how many band sets are the read fingerprint's
  ARGV[10] '1' when the fingerprint read is of the asker's words while the public
  text is not (logged as printAsked, so undo restores that one)
  Returns: { log id, the question's status }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <status> (merged: edit its cluster's leader;
  or not the status the moderator saw); RETRY (the question changed since the read).
]]
local rcall = redis.call
local q = rcall('HMGET', KEYS[2], 'id', 'status', 'rev')
local id, status = q[1], q[2]
if not status then return redis.error_reply('QUESTION_NOT_FOUND') end
if status == 'merged' or (ARGV[5] ~= '' and ARGV[5] ~= status) then
  return redis.error_reply('CONFLICT ' .. status)
end
if q[3] ~= ARGV[6] or (rcall('HGET', KEYS[4], id) or '') ~= ARGV[7] then
  return redis.error_reply('RETRY')
end

if ARGV[7] ~= '' then
  local lastOld = 4 + tonumber(ARGV[9])
  replacePrint(KEYS[4], id, ARGV[8], 5, lastOld, lastOld + 1, #KEYS)
end
local before = publicTextBefore(KEYS[2])
rcall('HSET', KEYS[2], 'publicText', ARGV[1], 'updatedAt', ARGV[2])
local rev = rcall('HINCRBY', KEYS[2], 'rev', 1)
local entry = { 'type', 'question.edit', 'id', id, 'actor', ARGV[3], 'actorName', ARGV[4],
  'status', status, before[1], before[2], 'after', ARGV[1], 'rev', rev }
if ARGV[10] == '1' then
  entry[#entry + 1] = 'printAsked'
  entry[#entry + 1] = '1'
end
local logId = rcall('XADD', KEYS[1], '*', unpack(entry))
rcall('LPUSH', KEYS[3], logId)
rcall('LTRIM', KEYS[3], 0, 49)
return { logId, status }
