--[[
  Changes event settings. Fields not given keep their value. Every change bumps
  configRev, so a server that filtered with older settings refilters (see
  submit-question's STALE_CONFIG).
  KEYS[1] meta hash  KEYS[2] log stream
  ARGV[1] actor  ARGV[2..] field, value pairs (maxQuestionLength, blockedTerms, policy)
  Returns: the log id.  Errors: EVENT_NOT_FOUND.
]]
local rcall = redis.call
if rcall('EXISTS', KEYS[1]) == 0 then return redis.error_reply('EVENT_NOT_FOUND') end
local fields = {}
for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
rcall('HSET', KEYS[1], unpack(fields))
rcall('HINCRBY', KEYS[1], 'configRev', 1)
local entry = { 'type', 'event.configured', 'actor', ARGV[1] }
for i = 1, #fields do entry[#entry + 1] = fields[i] end
return rcall('XADD', KEYS[2], '*', unpack(entry))
