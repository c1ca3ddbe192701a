--[[
  Creates an event unless one with the same code exists.
  KEYS[1] meta hash   KEYS[2] log stream
  ARGV[1] title  ARGV[2] createdAt  ARGV[3] maxQuestionLength
  ARGV[4] moderatorKeyHash  ARGV[5] stageKeyHash
  Returns: the log id, or 0 when the code is taken. The same call again (ioredis
  resends a command whose reply a dropped connection lost) finds the event it made,
  by its moderator key hash, and returns its log id again instead of 0, so the
  caller does not make a second event under another code.
]]
local rcall = redis.call
if rcall('EXISTS', KEYS[1]) == 1 then
  if rcall('HGET', KEYS[1], 'moderatorKeyHash') ~= ARGV[4] then return 0 end
  local created = rcall('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)[1]
  return created and created[1] or 0
end
rcall('HSET', KEYS[1], 'title', ARGV[1], 'createdAt', ARGV[2], 'maxQuestionLength', ARGV[3],
  'moderatorKeyHash', ARGV[4], 'stageKeyHash', ARGV[5])
return rcall('XADD', KEYS[2], '*', 'type', 'event.created', 'title', ARGV[1])
