--[[
  Puts an approved question into "Up next" before another one, or at the end; moves
  it when it is in already.
  KEYS[1] log stream  KEYS[2] queue list  KEYS[3] question hash
  ARGV[1] question id  ARGV[2] id to go before ('' or one not queued: the end)
  ARGV[3] actor id  ARGV[4] actor name
  Returns: { log id ('' when the queue did not change), the queue }.
  Errors: QUESTION_NOT_FOUND; CONFLICT <status> (only approved questions wait).
]]
local rcall = redis.call
local id, before = ARGV[1], ARGV[2]
local status = rcall('HGET', KEYS[3], 'status')
if not status then return redis.error_reply('QUESTION_NOT_FOUND') end
if status ~= 'approved' then return redis.error_reply('CONFLICT ' .. status) end

local was = table.concat(rcall('LRANGE', KEYS[2], 0, -1), ',')
if before ~= id then
  rcall('LREM', KEYS[2], 0, id)
  -- LINSERT answers -1 when `before` is not queued, 0 when the queue is empty.
  if before == '' or rcall('LINSERT', KEYS[2], 'BEFORE', before, id) <= 0 then
    rcall('RPUSH', KEYS[2], id)
  end
elseif rcall('LPOS', KEYS[2], id) == false then
  rcall('RPUSH', KEYS[2], id)
end
local queue = rcall('LRANGE', KEYS[2], 0, -1)
if table.concat(queue, ',') == was then return { '', queue } end
return { rcall('XADD', KEYS[1], '*', 'type', 'queue.move', 'id', id, 'before', before,
  'actor', ARGV[3], 'actorName', ARGV[4]), queue }
