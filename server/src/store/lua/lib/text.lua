-- The public text a question had before a moderator replaces it, as log fields for
-- the audit and for undo. When it is the asker's own words (nothing was redacted
-- or edited yet) the log only says so: the question keeps those words, and a purge
-- of raw texts must not find them anywhere else.
local function publicTextBefore(qkey)
  local t = redis.call('HMGET', qkey, 'publicText', 'text')
  if t[1] == t[2] then return { 'beforeAsked', '1' } end
  return { 'before', t[1] or '' }
end
