--[[
  Undoes an actor's newest undoable action (the head of their undo list), when the
  questions are still exactly as the action left them (status and rev, as logged).
  A status change goes back to the status before (with its statusAt, reason,
  decidedAt and public text); an edit gets the public text before it, and the
  fingerprint before it (back in the LSH band sets the edit moved it out of), and so
  does an approval that replaced the fingerprint (its entry's `indexed`: out of the
  index again when the approval put it there, as for a held question); a pin
  or star (set-flag's entries: flag, from) gets the flag's value before. A merge
  puts the source cluster back: the source's status and statusAt, its members, its
  askers and voters (kept aside by merge-cluster; votes cast since stay with the
  target, but not those of the source's own voters), both sides' counts and ranks.
  A split puts the question back into its leader's cluster (votes cast for it since
  go to the leader, as a merge's would) and out of the band sets the split put it in.
  Undo itself is logged, and cannot be undone. Undo gives each question it changes a
  new rev, so it notes on them (`undoneTo` = '<rev now>:<rev whose state it has
  again>') that the state is the one an earlier action left: undoing that one is then
  allowed too, as long as nobody changed the question since (its rev would have moved
  on). An entry whose question has moved on can never be undone (rev only grows): it
  leaves the list, and the refusal names the question.
  KEYS[1] log stream  KEYS[2] the actor's undo list  KEYS[3] the entry's question hash
  KEYS[4..] status sets in the order of ARGV[2], then the rank set and "Up next", then
  the keys of the entry's type:
    edit, and an approval that logged `indexed`: the fingerprints hash, the band sets
      of the fingerprint now (ARGV[8] of them), then those of the fingerprint to restore
    merge: the target's hash, clusterOf, the source's and the target's askers sets,
      the source's and the target's voters sets, the source's kept askers, kept
      voters, new askers and new voters sets (keys.ts mergedFrom), then the hashes
      of the members that moved with the source (in the order the entry lists them)
    split: the leader's hash, clusterOf, the leader's and the question's askers sets,
      the leader's and the question's voters sets, then the question's band sets
      when the split put it there (the entry's `indexed`)
  ARGV[1] the log id the caller read at the head of the list  ARGV[2] statuses,
  comma separated  ARGV[3] now  ARGV[4] actor id  ARGV[5] actor name
  For an edit or such an approval: ARGV[6] the fingerprint JSON now ('' for none)
  ARGV[7] the one to restore  ARGV[8] how many band sets are the one now's
  Returns: { log id, the status before the undo, "Up next" when it changed (the
  question left approved) }. The same call again (ioredis sends a command again when
  the connection dropped before its reply), with the entry undone and its question
  untouched since: { the log's newest id, the status the action had left, "Up next"
  unless the question is approved }, and nothing more is undone (the caller would
  otherwise read the next head and undo that too).
  Errors: NOTHING_TO_UNDO; RETRY (the list changed since the caller read it, or its
  head could not be undone and was dropped, or the keys passed are not the entry's:
  read again); QUESTION_NOT_FOUND; CONFLICT <status> or CONFLICT <why> (someone
  acted on a question since; the stage is taken).
]]
local rcall = redis.call
local setOf = {}
local i = 4
for name in string.gmatch(ARGV[2], '[^,]+') do setOf[name] = KEYS[i]; i = i + 1 end
local rankKey, queueKey = KEYS[i], KEYS[i + 1]
local x = i + 2 -- the first key of the entry's type
local UNDOABLE = { ['question.approve'] = true, ['question.reject'] = true,
  ['question.show'] = true, ['question.answer'] = true, ['question.edit'] = true,
  ['question.pin'] = true, ['question.star'] = true, ['question.merged'] = true,
  ['question.split'] = true }

local function entry(logId)
  local found = logId ~= '' and rcall('XRANGE', KEYS[1], logId, logId)[1]
  local fields = {}
  if found then
    for f = 1, #found[2], 2 do fields[found[2][f]] = found[2][f + 1] end
  end
  return fields
end

local head = rcall('LINDEX', KEYS[2], 0)
if head ~= ARGV[1] then
  -- Undone already when its question is as that undo left it: undoneTo names the rev
  -- before this entry's (see below), and the question's rev has not moved since.
  local asked = entry(ARGV[1])
  local q = rcall('HMGET', KEYS[3], 'id', 'rev', 'undoneTo', 'status')
  if asked.rev and q[1] == asked.id and q[3] == q[2] .. ':' .. (tonumber(asked.rev) - 1) then
    local latest = rcall('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1][1]
    local before = asked.type == 'question.split' and 'pending' or asked.status or q[4]
    if q[4] == 'approved' then return { latest, before } end
    return { latest, before, rcall('LRANGE', queueKey, 0, -1) }
  end
end
if not head then return redis.error_reply('NOTHING_TO_UNDO') end
if head ~= ARGV[1] then return redis.error_reply('RETRY') end
local e = entry(head)
if not UNDOABLE[e.type] then
  rcall('LPOP', KEYS[2])
  return redis.error_reply('RETRY')
end
local merge, split = e.type == 'question.merged', e.type == 'question.split'
-- The actions that replaced the question's fingerprint (lib/dedup-index.lua).
local reprinted = e.type == 'question.edit' or (e.type == 'question.approve' and e.indexed ~= nil)

-- As the action left it: its rev, or a state an undo brought back to that rev.
local function unchanged(key, loggedRev)
  local q = rcall('HMGET', key, 'rev', 'undoneTo')
  return q[1] == loggedRev or (q[1] ~= false and q[2] == q[1] .. ':' .. loggedRev)
end
local function refuse(why)
  rcall('LPOP', KEYS[2])
  return redis.error_reply('CONFLICT ' .. why)
end

local q = rcall('HMGET', KEYS[3], 'id', 'status')
if q[1] ~= e.id then return redis.error_reply('RETRY') end
local id, status = q[1], q[2]
-- Flag entries log no status: their rev says it all. A split leaves the question pending.
local leftAs = split and 'pending' or e.status
if leftAs ~= nil and leftAs ~= status then return refuse(status) end
if not unchanged(KEYS[3], e.rev) then return refuse('someone changed the question since') end
local other, otherRev, members = nil, nil, {}
if merge or split then
  other = KEYS[x]
  if rcall('HGET', other, 'id') ~= (merge and e.into or e.from) then
    return redis.error_reply('RETRY')
  end
  if merge then
    for m in string.gmatch(e.moved or '', '[^,]+') do members[#members + 1] = m end
    if #KEYS ~= x + 9 + #members then return redis.error_reply('RETRY') end
  end
  otherRev = merge and e.intoRev or e.leaderRev
  if not unchanged(other, otherRev) then
    return refuse(merge and 'someone changed the question it was merged into since'
      or 'someone changed the cluster it was split from since')
  end
  -- A cluster always has an asker: without the kept set the merge cannot be undone.
  if merge and rcall('EXISTS', KEYS[x + 6]) == 0 then return refuse('nothing kept to undo it') end
end
if reprinted and (rcall('HGET', KEYS[x], id) or '') ~= ARGV[6] then
  return redis.error_reply('RETRY')
end
local back = (split and 'merged') or (e.flag == nil and e.from) or status
if back == 'live' and rcall('ZCARD', setOf['live']) > 0 then
  return redis.error_reply('CONFLICT another question is on stage')
end

-- Moves a question between status sets by hand, as merge-cluster and split-question do.
local function restoreStatus(qkey, to, statusAt, askedBy, votes)
  rcall('ZREM', setOf[status], id)
  rcall('ZADD', setOf[to], rcall('HGET', qkey, 'createdAt'), id)
  rcall('HSET', qkey, 'status', to, 'statusAt', statusAt, 'askedBy', askedBy, 'votes', votes,
    'updatedAt', ARGV[3])
  rcall('HINCRBY', qkey, 'rev', 1)
  rerank(qkey, rankKey)
end
local function recount(qkey, askers, voters)
  rcall('HSET', qkey, 'askedBy', rcall('SCARD', askers), 'votes', rcall('SCARD', voters),
    'updatedAt', ARGV[3])
  rcall('HINCRBY', qkey, 'rev', 1)
  rerank(qkey, rankKey)
end

rcall('LPOP', KEYS[2])
local queued = rcall('LPOS', queueKey, id)
-- The public text before an edit: logged, or the asker's words (see lib/text.lua).
local textBefore = e.before or (e.beforeAsked == '1' and rcall('HGET', KEYS[3], 'text'))
if textBefore then rcall('HSET', KEYS[3], 'publicText', textBefore) end
if e.flag then
  rcall('HSET', KEYS[3], e.flag, e.from, 'updatedAt', ARGV[3])
  rcall('HINCRBY', KEYS[3], 'rev', 1)
  rerank(KEYS[3], rankKey)
elseif e.type == 'question.edit' then
  if ARGV[6] ~= '' then
    local lastNow = x + tonumber(ARGV[8])
    replacePrint(KEYS[x], id, ARGV[7], x + 1, lastNow, lastNow + 1, #KEYS)
  end
  rcall('HSET', KEYS[3], 'updatedAt', ARGV[3])
  rcall('HINCRBY', KEYS[3], 'rev', 1)
elseif merge then
  local clusterOf = KEYS[x + 1]
  local askers, targetAskers, voters, targetVoters = KEYS[x + 2], KEYS[x + 3], KEYS[x + 4],
    KEYS[x + 5]
  local keptAskers, keptVoters, newAskers, newVoters = KEYS[x + 6], KEYS[x + 7], KEYS[x + 8],
    KEYS[x + 9]
  for k, member in ipairs(members) do
    rcall('HSET', clusterOf, member, id)
    rcall('HINCRBY', KEYS[x + 9 + k], 'rev', 1)
  end
  rcall('HDEL', clusterOf, id)
  -- Askers cannot have changed (a new asker bumps the target's rev); votes may have.
  rcall('SUNIONSTORE', askers, keptAskers)
  rcall('SDIFFSTORE', targetAskers, targetAskers, newAskers)
  rcall('SINTERSTORE', voters, keptVoters, targetVoters)
  rcall('SDIFFSTORE', targetVoters, targetVoters, newVoters)
  rcall('DEL', keptAskers, keptVoters, newAskers, newVoters)
  restoreStatus(KEYS[3], back, e.fromAt, rcall('SCARD', askers), rcall('SCARD', voters))
  recount(other, targetAskers, targetVoters)
elseif split then
  local clusterOf, leaderAskers, askers = KEYS[x + 1], KEYS[x + 2], KEYS[x + 3]
  local leaderVoters, voters = KEYS[x + 4], KEYS[x + 5]
  rcall('HSET', clusterOf, id, e.from)
  rcall('SADD', leaderAskers, rcall('HGET', KEYS[3], 'authorId'))
  rcall('DEL', askers)
  rcall('SUNIONSTORE', leaderVoters, leaderVoters, voters)
  rcall('DEL', voters)
  for k = x + 6, #KEYS do rcall('SREM', KEYS[k], id) end
  restoreStatus(KEYS[3], back, e.fromAt, 1, 0)
  recount(other, leaderAskers, leaderVoters)
else
  setStatus(KEYS[3], id, setOf[status], setOf[back], back, e.prevReason or '', ARGV[3], rankKey,
    queueKey)
  rcall('HSET', KEYS[3], 'statusAt', e.fromAt)
  if e.decided == '1' then rcall('HDEL', KEYS[3], 'decidedAt') end
  if reprinted and ARGV[6] ~= '' then
    local lastNow = x + tonumber(ARGV[8])
    replacePrint(KEYS[x], id, ARGV[7], x + 1, lastNow, lastNow + 1, #KEYS, e.indexed == '0')
  end
end
local rev = rcall('HGET', KEYS[3], 'rev')
rcall('HSET', KEYS[3], 'undoneTo', rev .. ':' .. (tonumber(e.rev) - 1))
if other then
  rcall('HSET', other, 'undoneTo', rcall('HGET', other, 'rev') .. ':' .. (tonumber(otherRev) - 1))
end
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.undo', 'id', id, 'actor', ARGV[4],
  'actorName', ARGV[5], 'undid', head, 'action', e.type, 'from', status, 'status', back,
  'rev', rev, unpack(split and { 'into', e.from } or merge and { 'outOf', e.into } or {}))
if queued and back ~= 'approved' then return { logId, status, rcall('LRANGE', queueKey, 0, -1) } end
return { logId, status }
