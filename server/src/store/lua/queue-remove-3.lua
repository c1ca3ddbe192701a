--[[
  Takes a question out of "Up next"; it stays approved.
  KEYS[1] log stream  KEYS[2] queue list  KEYS[3] question hash
  ARGV[1] question id  ARGV[2] actor id  ARGV[3] the status the moderator saw ('' when not
  given)  ARGV[4] actor name
  Returns: { log id ('' when it was not queued), the queue }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <status> (not the status the moderator saw).
]]
local rcall = redis.call
local status = rcall('HGET', KEYS[3], 'status')
if not status then return redis.error_reply('QUESTION_NOT_FOUND') end
if ARGV[3] ~= '' and ARGV[3] ~= status then return redis.error_reply('CONFLICT ' .. status) end
if rcall('LREM', KEYS[2], 0, ARGV[1]) == 0 then return { '', rcall('LRANGE', KEYS[2], 0, -1) } end
local logId = rcall('XADD', KEYS[1], '*', 'type', 'queue.remove', 'id', ARGV[1], 'actor', ARGV[2],
  'actorName', ARGV[4])
return { logId, rcall('LRANGE', KEYS[2], 0, -1) }
