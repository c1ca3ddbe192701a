--[[
  Stores a new question as pending.
  KEYS[1] meta hash  KEYS[2] question hash  KEYS[3] pending set
  KEYS[4] participant's set  KEYS[5] log stream
  ARGV[1] id  ARGV[2] text  ARGV[3] length in characters  ARGV[4] authorId
  ARGV[5] authorName ('' for none)  ARGV[6] now
  Returns: the log id.
  Errors: EVENT_NOT_FOUND; TOO_LONG <limit> (checked here so a limit change is atomic).
]]
local rcall = redis.call
local limit = rcall('HGET', KEYS[1], 'maxQuestionLength')
if not limit then return redis.error_reply('EVENT_NOT_FOUND') end
if tonumber(ARGV[3]) > tonumber(limit) then return redis.error_reply('TOO_LONG ' .. limit) end
rcall('HSET', KEYS[2], 'id', ARGV[1], 'text', ARGV[2], 'authorId', ARGV[4], 'authorName', ARGV[5],
  'status', 'pending', 'reason', '', 'rev', 1, 'createdAt', ARGV[6], 'updatedAt', ARGV[6])
rcall('ZADD', KEYS[3], ARGV[6], ARGV[1])
rcall('ZADD', KEYS[4], ARGV[6], ARGV[1])
return rcall('XADD', KEYS[5], '*', 'type', 'question.submitted', 'id', ARGV[1], 'actor', ARGV[4])
