--[[
  Changes event settings and intake controls. Fields not given keep their value.
  Every change bumps configRev, so a server that filtered (and read the intake
  controls) at an older revision refilters (see submit-question's STALE_CONFIG).
  Ending the event sets endedAt once and closes intake for good.
  KEYS[1] meta hash  KEYS[2] log stream
  ARGV[1] actor id  ARGV[2] actor name  ARGV[3] now  ARGV[4] '1' to end the event
  ARGV[5..] field, value pairs (maxQuestionLength, blockedTerms, allowedTerms, policy,
  open, slowModeSeconds, preModeration, retentionDays)
  Returns: the log id.
  Errors: EVENT_NOT_FOUND; CONFLICT ended (reopening an ended event).
]]
local rcall = redis.call
if rcall('EXISTS', KEYS[1]) == 0 then return redis.error_reply('EVENT_NOT_FOUND') end
local ended = rcall('HEXISTS', KEYS[1], 'endedAt') == 1 or ARGV[4] == '1'
local fields = {}
for i = 5, #ARGV, 2 do
  if ended and ARGV[i] == 'open' and ARGV[i + 1] == '1' then
    return redis.error_reply('CONFLICT the event has ended')
  end
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
end
if ARGV[4] == '1' and rcall('HEXISTS', KEYS[1], 'endedAt') == 0 then
  fields[#fields + 1] = 'endedAt'
  fields[#fields + 1] = ARGV[3]
  fields[#fields + 1] = 'open'
  fields[#fields + 1] = '0'
end
if #fields > 0 then rcall('HSET', KEYS[1], unpack(fields)) end
rcall('HINCRBY', KEYS[1], 'configRev', 1)
local entry = { 'type', 'event.configured', 'actor', ARGV[1], 'actorName', ARGV[2] }
for i = 1, #fields do entry[#entry + 1] = fields[i] end
return rcall('XADD', KEYS[2], '*', unpack(entry))
