--[[
  Pins or stars a question (flags '1'/'0' on its hash); a star changes its rank.
  KEYS[1] log stream  KEYS[2] question hash  KEYS[3] rank set  KEYS[4] the actor's undo list
  ARGV[1] flag: pinned | starred  ARGV[2] '1' on, '0' off  ARGV[3] now  ARGV[4] actor id
  ARGV[5] actor name
  The log entry holds what an undo would need: the value before (`from`) and the rev after.
  Returns: the log id, or '' when the flag already had that value (nothing changed).
  Errors: QUESTION_NOT_FOUND; CONFLICT merged (flag the cluster's leader instead).
]]
local rcall = redis.call
local flag, on = ARGV[1], ARGV[2]
if flag ~= 'pinned' and flag ~= 'starred' then return redis.error_reply('CONFLICT no flag ' .. flag) end
local status = rcall('HGET', KEYS[2], 'status')
if not status then return redis.error_reply('QUESTION_NOT_FOUND') end
if status == 'merged' then return redis.error_reply('CONFLICT merged') end
local was = rcall('HGET', KEYS[2], flag) or '0'
if was == on then return '' end

rcall('HSET', KEYS[2], flag, on, 'updatedAt', ARGV[3])
local rev = rcall('HINCRBY', KEYS[2], 'rev', 1)
rerank(KEYS[2], KEYS[3])
local logId = rcall('XADD', KEYS[1], '*',
  'type', flag == 'pinned' and 'question.pin' or 'question.star',
  'id', rcall('HGET', KEYS[2], 'id'), 'actor', ARGV[4], 'actorName', ARGV[5], 'flag', flag,
  'on', on, 'from', was, 'rev', rev)
rcall('LPUSH', KEYS[4], logId)
rcall('LTRIM', KEYS[4], 0, 49)
return logId
