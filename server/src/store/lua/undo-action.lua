--[[
  Undoes an actor's newest undoable action (the head of their undo list), when the
  question is still exactly as the action left it (its status and rev, as logged).
  A status change goes back to the status before (with its statusAt, reason,
  decidedAt and public text); an edit gets the public text before it; a pin or star
  (set-flag's entries: flag, from) gets the flag's value before. Undo itself
  is logged, and cannot be undone. Undo gives the question a new rev, so it notes on
  the question (`undoneTo` = '<rev now>:<rev whose state it has again>') that the
  state is the one an earlier action left: undoing that one is then allowed too, as
  long as nobody changed the question since (its rev would have moved on). An entry
  whose question has moved on can never be undone (rev only grows): it leaves the
  list, and the refusal names the question.
  KEYS[1] log stream  KEYS[2] the actor's undo list  KEYS[3] the question's hash
  KEYS[4..] status sets in the order of ARGV[2], then the rank set and "Up next"
  ARGV[1] the log id the caller read at the head of the list  ARGV[2] statuses,
  comma separated  ARGV[3] now  ARGV[4] actor id  ARGV[5] actor name
  Returns: { log id, the status before the undo, "Up next" when it changed (the
  question left approved) }.
  Errors: NOTHING_TO_UNDO; RETRY (the list changed since the caller read it, or its
  head could not be undone and was dropped: read again); QUESTION_NOT_FOUND;
  CONFLICT <status> or CONFLICT <why> (someone acted on the question since; the
  stage is taken).
]]
local rcall = redis.call
local setOf = {}
local i = 4
for name in string.gmatch(ARGV[2], '[^,]+') do setOf[name] = KEYS[i]; i = i + 1 end
local rankKey, queueKey = KEYS[i], KEYS[i + 1]
local UNDOABLE = { ['question.approve'] = true, ['question.reject'] = true,
  ['question.show'] = true, ['question.answer'] = true, ['question.edit'] = true,
  ['question.pin'] = true, ['question.star'] = true }

local head = rcall('LINDEX', KEYS[2], 0)
if not head then return redis.error_reply('NOTHING_TO_UNDO') end
if head ~= ARGV[1] then return redis.error_reply('RETRY') end
local found = rcall('XRANGE', KEYS[1], head, head)[1]
local e = {}
if found then
  for f = 1, #found[2], 2 do e[found[2][f]] = found[2][f + 1] end
end
if not UNDOABLE[e.type] then
  rcall('LPOP', KEYS[2])
  return redis.error_reply('RETRY')
end
local q = rcall('HMGET', KEYS[3], 'id', 'status', 'rev', 'undoneTo')
if q[1] ~= e.id then return redis.error_reply('RETRY') end
local id, status = q[1], q[2]
-- Flag entries log no status: their rev says it all.
local sameStatus = e.status == nil or e.status == status
if not sameStatus or (q[3] ~= e.rev and q[4] ~= q[3] .. ':' .. e.rev) then
  rcall('LPOP', KEYS[2])
  if not sameStatus then return redis.error_reply('CONFLICT ' .. status) end
  return redis.error_reply('CONFLICT someone changed the question since')
end
local back = (e.flag == nil and e.from) or status
if back == 'live' and rcall('ZCARD', setOf['live']) > 0 then
  return redis.error_reply('CONFLICT another question is on stage')
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
  rcall('HSET', KEYS[3], 'updatedAt', ARGV[3])
  rcall('HINCRBY', KEYS[3], 'rev', 1)
else
  setStatus(KEYS[3], id, setOf[status], setOf[back], back, e.prevReason or '', ARGV[3], rankKey,
    queueKey)
  rcall('HSET', KEYS[3], 'statusAt', e.fromAt)
  if e.decided == '1' then rcall('HDEL', KEYS[3], 'decidedAt') end
end
local rev = rcall('HGET', KEYS[3], 'rev')
rcall('HSET', KEYS[3], 'undoneTo', rev .. ':' .. (tonumber(e.rev) - 1))
local logId = rcall('XADD', KEYS[1], '*', 'type', 'question.undo', 'id', id, 'actor', ARGV[4],
  'actorName', ARGV[5], 'undid', head, 'action', e.type, 'from', status, 'status', back,
  'rev', rev)
if queued and back ~= 'approved' then return { logId, status, rcall('LRANGE', queueKey, 0, -1) } end
return { logId, status }
