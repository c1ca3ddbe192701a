--[[
  Replaces the public text of a question (a moderator's edit, filtered by the caller).
  The asker's `text` stays as typed; the log keeps the public text before (see
  lib/text.lua) and after.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] the actor's undo list
  ARGV[1] new public text  ARGV[2] now  ARGV[3] actor id  ARGV[4] actor name
  ARGV[5] the status the moderator saw ('' when not given)
  Returns: { log id, the question's status }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <status> (merged: edit its cluster's leader;
  or not the status the moderator saw).
]]
local rcall = redis.call
local q = rcall('HMGET', KEYS[2], 'id', 'status')
local id, status = q[1], q[2]
if not status then return redis.error_reply('QUESTION_NOT_FOUND') end
if status == 'merged' or (ARGV[5] ~= '' and ARGV[5] ~= status) then
  return redis.error_reply('CONFLICT ' .. status)
end

local before = publicTextBefore(KEYS[2])
rcall('HSET', KEYS[2], 'publicText', ARGV[1], 'updatedAt', ARGV[2])
local rev = rcall('HINCRBY', KEYS[2], 'rev', 1)
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.edit', 'id', id, 'actor', ARGV[3],
  'actorName', ARGV[4], 'status', status, before[1], before[2], 'after', ARGV[1], 'rev', rev)
rcall('LPUSH', KEYS[3], logId)
rcall('LTRIM', KEYS[3], 0, 49)
return { logId, status }
