--[[
  Upvotes a question's cluster for one participant, or withdraws the vote. The vote
  belongs to the cluster's leader: its voters set counts each participant once.
  KEYS[1] log stream  KEYS[2] hash of the question voted on  KEYS[3] its leader's hash
  (= KEYS[2] for a leader)  KEYS[4] the leader's voters set  KEYS[5] clusterOf hash
  KEYS[6] rank set  KEYS[7] the voter's request record
  ARGV[1] question id  ARGV[2] the leader id the caller read  ARGV[3] participant id
  ARGV[4] '1' vote, '0' withdraw  ARGV[5] public statuses, comma separated
  ARGV[6] seconds the request record lasts ('0': no request id, nothing recorded)
  Returns: { votes now, 1 when the participant's vote counts, log id ('' when
  nothing changed: voting twice or withdrawing a vote never given), the leader id }.
  A retry of a recorded request changes nothing and returns the first attempt's
  answer (its votes, vote and leader; log id ''): a late `up` after a withdrawal
  does not vote again.
  Errors: QUESTION_NOT_FOUND; CONFLICT <leader status> (not public); RETRY (the
  question changed cluster since the caller read it).
]]
local rcall = redis.call
local id, leader, voter, up = ARGV[1], ARGV[2], ARGV[3], ARGV[4] == '1'
local recorded = ARGV[6] ~= '0' and rcall('GET', KEYS[7])
if recorded then
  local first, votes, voted = string.match(recorded, '^([^,]*),(%d+),(%d)$')
  return { tonumber(votes), tonumber(voted), '', first }
end
if not rcall('HGET', KEYS[2], 'status') then return redis.error_reply('QUESTION_NOT_FOUND') end
if (rcall('HGET', KEYS[5], id) or id) ~= leader then return redis.error_reply('RETRY') end
local status = rcall('HGET', KEYS[3], 'status') or ''
local public = false
for name in string.gmatch(ARGV[5], '[^,]+') do
  if name == status then public = true end
end
if not public then return redis.error_reply('CONFLICT ' .. status) end

local changed = up and rcall('SADD', KEYS[4], voter) or rcall('SREM', KEYS[4], voter)
local votes = rcall('SCARD', KEYS[4])
local logId = ''
if changed == 1 then
  -- A vote is a counter, not a moderation change: rev stays (see ARCHITECTURE.md).
  rcall('HSET', KEYS[3], 'votes', votes)
  rerank(KEYS[3], KEYS[6])
  logId = rcall('XADD', KEYS[1], '*', 'type', up and 'question.vote' or 'question.unvote',
    'id', leader, 'actor', voter)
end
local voted = up and 1 or 0
if ARGV[6] ~= '0' then
  rcall('SET', KEYS[7], leader .. ',' .. votes .. ',' .. voted, 'EX', ARGV[6])
end
return { votes, voted, logId, leader }
