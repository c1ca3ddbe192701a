--[[
  Sets or removes one moderator socket's presence entry and returns everyone present.
  Entries carry the time they were last written (`at`); the server refreshes its
  own sockets' entries, so entries older than the time to live belong to sockets of
  a server that died: they are dropped here. Presence is not event state and is not
  logged. Every call bumps the presence version, so a process that hears of two
  presence lists (its own and another process's, in either order) keeps the newer.
  KEYS[1] presence hash (socket id → JSON { id, name, focus, at })
  KEYS[2] presence version (a counter)
  ARGV[1] socket id  ARGV[2] its entry as JSON ('' removes it)  ARGV[3] now
  ARGV[4] time to live in ms
  Returns: { the version after this call, the entries present as JSON strings }.
]]
local rcall = redis.call
if ARGV[2] == '' then
  rcall('HDEL', KEYS[1], ARGV[1])
else
  rcall('HSET', KEYS[1], ARGV[1], ARGV[2])
end
local oldest = tonumber(ARGV[3]) - tonumber(ARGV[4])
local present = {}
local all = rcall('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if (tonumber(cjson.decode(all[i + 1]).at) or 0) < oldest then
    rcall('HDEL', KEYS[1], all[i])
  else
    present[#present + 1] = all[i + 1]
  end
end
return { rcall('INCR', KEYS[2]), present }
