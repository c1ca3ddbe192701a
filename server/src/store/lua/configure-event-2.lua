--[[
  Changes event settings.
  KEYS[1] meta hash  KEYS[2] log stream
  ARGV[1] maxQuestionLength  ARGV[2] actor
  Returns: the log id.  Errors: EVENT_NOT_FOUND.
]]
local rcall = redis.call
if rcall('EXISTS', KEYS[1]) == 0 then return redis.error_reply('EVENT_NOT_FOUND') end
rcall('HSET', KEYS[1], 'maxQuestionLength', ARGV[1])
return rcall('XADD', KEYS[2], '*', 'type', 'event.configured', 'maxQuestionLength', ARGV[1],
  'actor', ARGV[2])
