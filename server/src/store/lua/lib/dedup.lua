-- The near-duplicate decision of shared/src/moderation/dedup, step for step
-- (rankByBandHits, closestDuplicate, isDuplicate, similarity: compareTokens), so that
-- submit-question decides and stores a question in one atomic call. Its numbers and
-- word tables are the reference's own, filled in by scripts.ts (store/dedup-words.ts);
-- tests/integration/ingest.test.ts checks that both decide alike on our labelled sets.
-- Tokens are UTF-8 here, UTF-16 there: the checks below compare whole characters.
local DUPLICATE_THRESHOLD, MAX_CANDIDATES = ${DUPLICATE_THRESHOLD}, ${MAX_CANDIDATES}
local dedupWordTables
-- The word tables, built on first use (most scripts never compare questions).
local function dedupWords()
  if not dedupWordTables then
    dedupWordTables = {
      pronouns = ${PRONOUNS},
      whole = ${WHOLE_WORDS},
      question = ${QUESTION_WORDS},
      distinct = ${DISTINCT_QUESTION_WORDS},
      negations = ${NEGATIONS},
      han = ${HAN_RANGES},
    }
  end
  return dedupWordTables
end

-- Common characters, 3 bytes each in code point order (which is UTF-8's byte order).
local COMMON_HAN = ${COMMON_HAN}

-- Bytes compared as numbers: Lua compares strings with strcoll, which Redis's locale may set.
local function isCommonHan(character)
  if #character ~= 3 then return false end
  local b1, b2, b3 = character:byte(1, 3)
  local wanted = (b1 * 256 + b2) * 256 + b3
  local low, high = 0, #COMMON_HAN / 3 - 1
  while low <= high do
    local middle = math.floor((low + high) / 2)
    local c1, c2, c3 = COMMON_HAN:byte(middle * 3 + 1, middle * 3 + 3)
    local at = (c1 * 256 + c2) * 256 + c3
    if at == wanted then return true end
    if at < wanted then low = middle + 1 else high = middle - 1 end
  end
  return false
end

-- Each token with a place in an opposition: '|token:opposition,side,alone;...|...'.
local STANDS = ${STANDS}

-- The places of a token in the oppositions, { {opposition, side, alone}, ... }, or nil.
local function standsOf(token)
  local at = STANDS:find('|' .. token .. ':', 1, true)
  if not at then return nil end
  local from = at + #token + 2
  local places = {}
  for o, s, a in STANDS:sub(from, STANDS:find('|', from, true) - 1):gmatch('(%d+),(%d+),(%d)') do
    places[#places + 1] = { tonumber(o), tonumber(s), a == '1' }
  end
  return places
end

-- The code point of a string of exactly one UTF-8 character, else nil.
local function onlyCodePoint(s)
  local n, b1, b2, b3, b4 = #s, s:byte(1, 4)
  if n == 1 and b1 < 0x80 then return b1 end
  if n == 2 and b1 >= 0xC0 and b1 < 0xE0 then return (b1 - 0xC0) * 0x40 + b2 - 0x80 end
  if n == 3 and b1 >= 0xE0 and b1 < 0xF0 then
    return (b1 - 0xE0) * 0x1000 + (b2 - 0x80) * 0x40 + b3 - 0x80
  end
  if n == 4 and b1 >= 0xF0 then
    return (b1 - 0xF0) * 0x40000 + (b2 - 0x80) * 0x1000 + (b3 - 0x80) * 0x40 + b4 - 0x80
  end
  return nil
end

-- tokens.ts isHanCode: CJK unified ideographs, extension A, compatibility.
local function isHanCode(code)
  return code ~= nil and ((code >= 0x4E00 and code <= 0x9FFF) or (code >= 0x3400 and code <= 0x4DBF)
    or (code >= 0xF900 and code <= 0xFAFF))
end

local function countsTowardOverlap(token) return not dedupWords().pronouns[token] end

-- Two characters inside a Chinese word (two code units there: two 3-byte characters here).
local function isCharPair(token)
  return #token == 6 and isHanCode(onlyCodePoint(token:sub(1, 3)))
    and isHanCode(onlyCodePoint(token:sub(4, 6))) and not dedupWords().whole[token]
end

local function isNumber(token)
  return token:find('[0-9]') ~= nil and not token:find('#', 1, true)
end

local function isNegation(token) return dedupWords().negations[token] == true end

local function isDistinctQuestionWord(token) return dedupWords().distinct[token] == true end

-- One Han character (/^\p{Script=Han}$/u) that is uncommon, or repeated ("釜#2").
local function isSpecific(token)
  local mark = token:find('#', 1, true)
  local unit = mark and token:sub(1, mark - 1) or token
  local code = onlyCodePoint(unit)
  if not code then return false end
  local han, ranges = false, dedupWords().han
  for i = 1, #ranges, 2 do
    if code >= ranges[i] and code <= ranges[i + 1] then han = true end
  end
  return han and (mark ~= nil or not isCommonHan(unit))
end

local function isAnchor(token)
  return not token:find('#', 1, true) and not isCharPair(token)
    and not dedupWords().question[token]
    and (countsTowardOverlap(token) or not token:find('^[a-z]'))
end

local function anyOf(tokens, test)
  for _, t in ipairs(tokens) do if test(t) then return true end end
  return false
end

local function select(tokens, test)
  local out = {}
  for _, t in ipairs(tokens) do if test(t) then out[#out + 1] = t end end
  return out
end

local function countOf(tokens, test)
  local n = 0
  for _, t in ipairs(tokens) do if test(t) then n = n + 1 end end
  return n
end

-- similarity.ts takesSide / findContrast.
local function takesSide(token, others, stands)
  for _, stand in ipairs(stands[token]) do
    if stand[3] then return true end
    for _, other in ipairs(others) do
      for _, o in ipairs(stands[other]) do
        if o[1] == stand[1] and o[2] ~= stand[2] then return true end
      end
    end
  end
  return false
end

local function hasContrast(onlyA, onlyB)
  local stands = {}
  local function sided(t)
    if stands[t] == nil then stands[t] = standsOf(t) or false end
    return stands[t] ~= false
  end
  local sidedA, sidedB = select(onlyA, sided), select(onlyB, sided)
  for _, t in ipairs(sidedA) do if takesSide(t, sidedB, stands) then return true end end
  for _, t in ipairs(sidedB) do if takesSide(t, sidedA, stands) then return true end end
  return false
end

-- similarity.ts findSwappedRoles: whether shared words swap sides around another.
local function swapsRoles(a, b, shared)
  local repeated = {}
  for _, tokens in ipairs({ a, b }) do
    for _, t in ipairs(tokens) do
      local mark = t:find('#', 1, true)
      if mark then repeated[t:sub(1, mark - 1)] = true end
    end
  end
  local function anchor(t) return shared[t] and not repeated[t] and isAnchor(t) end
  local positionInB = {}
  for i, t in ipairs(select(b, anchor)) do positionInB[t] = i - 1 end
  local inB = {}
  for i, t in ipairs(select(a, anchor)) do inB[i] = positionInB[t] or -1 end
  local latestBefore, latest = {}, -1
  for i = 1, #inB do
    latest = math.max(latest, inB[i])
    latestBefore[i] = latest
  end
  local earliestAfter = math.huge
  -- The reference's 0-based pivot p is inB[p + 1] here.
  for p = #inB - 1, 1, -1 do
    local pivot = inB[p + 1]
    if latestBefore[p] > pivot and earliestAfter < pivot then return true end
    earliestAfter = math.min(earliestAfter, pivot)
  end
  return false
end

-- compareTokens: the Jaccard index of two token lists (pronouns left out) and, when it
-- reaches the threshold (isDuplicate stops below it), the similarity: the Jaccard
-- index times the factor of each kind of difference, multiplied in the reference's
-- order so the result is the same double.
local function compareTokens(a, b)
  local pronouns = dedupWords().pronouns
  local inB, shared = {}, {}
  for _, t in ipairs(b) do inB[t] = true end
  local common, countA, countB = 0, 0, 0
  for _, t in ipairs(a) do
    if not pronouns[t] then countA = countA + 1 end
    if inB[t] then
      shared[t] = true
      if not pronouns[t] then common = common + 1 end
    end
  end
  for _, t in ipairs(b) do if not pronouns[t] then countB = countB + 1 end end
  local union = countA + countB - common
  local jaccard = union == 0 and 0 or common / union
  if jaccard < DUPLICATE_THRESHOLD then return jaccard, nil end

  local function notShared(t) return not shared[t] end
  local onlyA, onlyB = select(a, notShared), select(b, notShared)
  local s = jaccard
  if anyOf(onlyA, isNumber) or anyOf(onlyB, isNumber) then s = s * ${FACTOR_NUMBER} end
  if countOf(onlyA, isNegation) ~= countOf(onlyB, isNegation) then s = s * ${FACTOR_NEGATION} end
  if hasContrast(onlyA, onlyB) then s = s * ${FACTOR_CONTRAST} end
  if anyOf(onlyA, isDistinctQuestionWord) or anyOf(onlyB, isDistinctQuestionWord) then
    s = s * ${FACTOR_QUESTION}
  end
  if swapsRoles(a, b, shared) then s = s * ${FACTOR_ORDER} end
  if anyOf(onlyA, isSpecific) or anyOf(onlyB, isSpecific) then s = s * ${FACTOR_SPECIFIC} end
  if anyOf(onlyA, countsTowardOverlap) and anyOf(onlyB, countsTowardOverlap) then
    s = s * ${FACTOR_SUBSTITUTION}
  end
  return jaccard, s
end

-- rankByBandHits: the ids in the band sets, by how many sets hold them, most first;
-- ties in the order first seen (the reference sorts stably), at most MAX_CANDIDATES.
local function rankByBandHits(bandKeys)
  local hits, firstSeen, ids = {}, {}, {}
  for _, key in ipairs(bandKeys) do
    for _, id in ipairs(redis.call('SMEMBERS', key)) do
      if hits[id] then
        hits[id] = hits[id] + 1
      else
        hits[id] = 1
        ids[#ids + 1] = id
        firstSeen[id] = #ids
      end
    end
  end
  table.sort(ids, function(x, y)
    if hits[x] ~= hits[y] then return hits[x] > hits[y] end
    return firstSeen[x] < firstSeen[y]
  end)
  local top = {}
  for i = 1, math.min(#ids, MAX_CANDIDATES) do top[i] = ids[i] end
  return top
end

-- A stored fingerprint's tokens. It is JSON {"tokens":[...],"bands":[...]}: only the
-- tokens are decoded (the bands are most of it; the pattern cannot occur inside a string).
local function tokensOf(print)
  if print:sub(1, 11) == '{"tokens":[' then
    local ends = print:find('],"bands":', 11, true)
    if ends then return cjson.decode(print:sub(11, ends)) end
  end
  return cjson.decode(print).tokens
end

-- closestDuplicate: of the candidates ({ tokens, ... }), the one the new tokens
-- duplicate most closely (the first of equals), or nil. `usable` may turn a candidate
-- down; it is asked only of one that would win, and the rest is decided as if that
-- candidate had never been offered. isDuplicate's first test, the Jaccard index, is
-- counted against the new tokens' set, built once: the tokens of a question are
-- distinct (tokenize numbers repeats), so their overlap counts alike from either side.
local function closestDuplicate(tokens, candidates, usable)
  local pronouns = dedupWords().pronouns
  local inA, countA = {}, 0
  for _, t in ipairs(tokens) do
    inA[t] = true
    if not pronouns[t] then countA = countA + 1 end
  end
  local best, bestScore
  for _, candidate in ipairs(candidates) do
    local common, countB = 0, 0
    for _, t in ipairs(candidate.tokens) do
      if not pronouns[t] then
        countB = countB + 1
        if inA[t] then common = common + 1 end
      end
    end
    local union = countA + countB - common
    if union > 0 and common / union >= DUPLICATE_THRESHOLD then
      local _, score = compareTokens(tokens, candidate.tokens)
      if score >= DUPLICATE_THRESHOLD and (not best or score > bestScore) and usable(candidate) then
        best, bestScore = candidate, score
      end
    end
  end
  return best
end
