--[[
  Retention: replaces the raw text of a batch of questions by what may be kept of
  it (see purgedText in shared/src/domain/retention.ts), and their fingerprints
  (tokens of the raw text) by the fingerprint of the kept text. A question whose rev
  moved since the caller read it is left alone and named as stale (read it again).
  Marks the event purgedAt and logs one entry for the batch.
  KEYS[1] meta hash  KEYS[2] log stream  KEYS[3] fingerprints hash  KEYS[4..] the
  questions' hashes
  ARGV[1] now  ARGV[2] actor id  ARGV[3] actor name  ARGV[4..] for each question,
  five values: id, the rev
  the caller read, text, publicText, fingerprint JSON ('' deletes the entry)
  Returns: { log id, ids purged, ids stale }.  Errors: EVENT_NOT_FOUND.
]]
local rcall = redis.call
if rcall('EXISTS', KEYS[1]) == 0 then return redis.error_reply('EVENT_NOT_FOUND') end
local purged, stale = {}, {}
for k = 4, #KEYS do
  local a = 4 + (k - 4) * 5
  local id, rev, text, publicText, print = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  if rcall('HGET', KEYS[k], 'rev') ~= rev then
    stale[#stale + 1] = id
  else
    rcall('HSET', KEYS[k], 'text', text, 'publicText', publicText, 'updatedAt', ARGV[1])
    rcall('HINCRBY', KEYS[k], 'rev', 1)
    if print == '' then rcall('HDEL', KEYS[3], id) else rcall('HSET', KEYS[3], id, print) end
    purged[#purged + 1] = id
  end
end
rcall('HSET', KEYS[1], 'purgedAt', ARGV[1])
local logId = rcall('XADD', KEYS[2], '*', 'type', 'event.purge', 'actor', ARGV[2],
  'actorName', ARGV[3], 'count', #purged, 'ids', table.concat(purged, ','))
return { logId, purged, stale }
