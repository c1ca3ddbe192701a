--[[
  One server process's heartbeat, and the processes that stopped beating.
  Every process calls this every few seconds; one that has not called it by its
  deadline died (kill -9, a crash, a machine gone) without cleaning up. The first
  process to notice removes it, so each death is reported once. Times are Redis'
  own clock, as the log stream ids are, so machines with skewed clocks agree.
  KEYS[1] sorted set: process id → deadline (ms)
  KEYS[2] hash: process id → its last beat (ms)
  ARGV[1] this process's id  ARGV[2] ms until it counts as dead ('' : leave, cleanly)
  Returns: { Redis' time now (ms), the earliest last beat of the processes found
  dead (or -1), the latest deadline among them (or -1) }.
]]
local rcall = redis.call
local time = rcall('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[2] == '' then
  rcall('ZREM', KEYS[1], ARGV[1])
  rcall('HDEL', KEYS[2], ARGV[1])
  return { now, -1, -1 }
end
rcall('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
rcall('HSET', KEYS[2], ARGV[1], now)
local earliest, latest = -1, -1
local dead = rcall('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now, 'WITHSCORES')
for i = 1, #dead, 2 do
  local beat = tonumber(rcall('HGET', KEYS[2], dead[i])) or 0
  local deadline = tonumber(dead[i + 1])
  if earliest == -1 or beat < earliest then earliest = beat end
  if deadline > latest then latest = deadline end
  rcall('ZREM', KEYS[1], dead[i])
  rcall('HDEL', KEYS[2], dead[i])
end
return { now, earliest, latest }
