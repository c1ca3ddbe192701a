--[[
  Stores a new question, deciding its cluster in the same atomic step: a question the
  filter passed is compared with the cluster leaders sharing the most LSH bands with it
  (lib/dedup.lua); when one is a near-duplicate and its cluster is open, the question
  joins it (merged, the leader's askedBy + 1); otherwise it leads a new cluster,
  pending (or approved when pre-moderation is off), indexed in its bands. Held
  questions are neither compared nor indexed. Refused while intake is closed, and in
  slow mode when the asker's newest question is younger than slowModeSeconds (only
  stored questions count: a refused attempt leaves nothing in the participant's set).
  Keys of a chosen leader (its hash, its askers) are built from the prefixes in ARGV;
  like every key of the event they carry its hash tag, so they are in its slot.
  KEYS[1] meta hash  KEYS[2] question hash  KEYS[3] set of the status it has when it
  leads a cluster (ARGV[8])  KEYS[4] merged set  KEYS[5] participant's set  KEYS[6] log
  stream  KEYS[7] the question's askers set  KEYS[8] fingerprints hash  KEYS[9]
  clusterOf hash  KEYS[10] rank set  KEYS[11] the asker's request record
  KEYS[12..] the question's LSH band sets (none when held)
  ARGV[1] id  ARGV[2] text  ARGV[3] publicText  ARGV[4] length  ARGV[5] authorId
  ARGV[6] authorName ('')  ARGV[7] now  ARGV[8] status unless merged (held|pending|
  approved)  ARGV[9] filter reasons, comma separated  ARGV[10] config revision the
  filter used  ARGV[11] fingerprint JSON ({ tokens, bands })  ARGV[12] key prefix of
  question hashes  ARGV[13] key prefix of askers sets  ARGV[14] seconds the request
  record lasts ('0': the client sent no request id, nothing is recorded)
  Returns: { log id, status, leader id ('' when it leads), the leader's hash after the
  change (field, value, ...; empty when it leads) }. A retry of a recorded request
  stores nothing and returns { '', '', its leader id or '', the hash of the question
  the first attempt stored, as it is now }.
  Errors: EVENT_NOT_FOUND; QUESTIONS_CLOSED; SLOW_MODE <ms until the asker may ask
  again>; TOO_LONG <limit>; STALE_CONFIG (refilter with the new settings);
  ALREADY_ASKED (same asker, same cluster).
]]
local rcall = redis.call
local limit, open, endedAt, slow, rev = unpack(rcall('HMGET', KEYS[1], 'maxQuestionLength',
  'open', 'endedAt', 'slowModeSeconds', 'configRev'))
if not limit then return redis.error_reply('EVENT_NOT_FOUND') end
-- Checked first: a retry must not meet slow mode or ALREADY_ASKED for its own question.
local recorded = ARGV[14] ~= '0' and rcall('GET', KEYS[11])
if recorded then
  local fields = rcall('HGETALL', ARGV[12] .. recorded)
  if #fields == 0 then return redis.error_reply('QUESTION_NOT_FOUND') end
  return { '', '', rcall('HGET', KEYS[9], recorded) or '', fields }
end
if open == '0' or endedAt then return redis.error_reply('QUESTIONS_CLOSED') end
local slowMs = (tonumber(slow) or 0) * 1000
if slowMs > 0 then
  local newest = rcall('ZREVRANGE', KEYS[5], 0, 0, 'WITHSCORES')[2]
  local wait = newest and tonumber(newest) + slowMs - tonumber(ARGV[7]) or 0
  if wait > 0 then return redis.error_reply('SLOW_MODE ' .. wait) end
end
if tonumber(ARGV[4]) > tonumber(limit) then return redis.error_reply('TOO_LONG ' .. limit) end
if (rev or '0') ~= ARGV[10] then return redis.error_reply('STALE_CONFIG') end

local id, status, author, now = ARGV[1], ARGV[8], ARGV[5], ARGV[7]
local questionPrefix, askersPrefix = ARGV[12], ARGV[13]
local bandKeys = {}
for i = 12, #KEYS do bandKeys[#bandKeys + 1] = KEYS[i] end

-- The closest near-duplicate whose cluster still takes duplicates.
local leader
if status ~= 'held' and #bandKeys > 0 then
  local ids = rankByBandHits(bandKeys)
  if #ids > 0 then
    local prints = rcall('HMGET', KEYS[8], unpack(ids))
    local leaders = rcall('HMGET', KEYS[9], unpack(ids))
    local candidates = {}
    for i, candidate in ipairs(ids) do
      if prints[i] then
        candidates[#candidates + 1] = {
          tokens = tokensOf(prints[i]),
          leader = leaders[i] or candidate,
        }
      end
    end
    local takes = { pending = true, approved = true, live = true, answered = true }
    local best = closestDuplicate(cjson.decode(ARGV[11]).tokens, candidates, function(c)
      return takes[rcall('HGET', questionPrefix .. c.leader, 'status') or ''] == true
    end)
    leader = best and best.leader
  end
end
if leader and rcall('SISMEMBER', askersPrefix .. leader, author) == 1 then
  return redis.error_reply('ALREADY_ASKED')
end
if leader then status = 'merged' end

rcall('HSET', KEYS[2], 'id', id, 'text', ARGV[2], 'publicText', ARGV[3], 'authorId', author,
  'authorName', ARGV[6], 'status', status, 'reason', '', 'reasons', ARGV[9],
  'askedBy', 1, 'votes', 0, 'pinned', 0, 'starred', 0, 'rev', 1,
  'createdAt', now, 'updatedAt', now, 'statusAt', now)
if status == 'approved' then rcall('HSET', KEYS[2], 'decidedAt', now) end
rerank(KEYS[2], KEYS[10])
rcall('ZADD', leader and KEYS[4] or KEYS[3], now, id)
rcall('ZADD', KEYS[5], now, id)
rcall('HSET', KEYS[8], id, ARGV[11])
local leaderState = {}
if leader then
  local leaderKey, askersKey = questionPrefix .. leader, askersPrefix .. leader
  rcall('SADD', askersKey, author)
  rcall('HSET', KEYS[9], id, leader)
  rcall('HSET', leaderKey, 'askedBy', rcall('SCARD', askersKey), 'updatedAt', now)
  rcall('HINCRBY', leaderKey, 'rev', 1)
  rerank(leaderKey, KEYS[10])
  leaderState = rcall('HGETALL', leaderKey)
else
  rcall('SADD', KEYS[7], author)
  if status ~= 'held' then
    for _, key in ipairs(bandKeys) do rcall('SADD', key, id) end
  end
end
if ARGV[14] ~= '0' then rcall('SET', KEYS[11], id, 'EX', ARGV[14]) end
local logId = rcall('XADD', KEYS[6], '*', 'type', 'question.submitted', 'id', id, 'actor', author,
  'actorName', ARGV[6], 'status', status, 'cluster', leader or '')
return { logId, status, leader or '', leaderState }
