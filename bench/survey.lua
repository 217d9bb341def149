-- wrk script: completed surveys, a citizen's whole visit on a fresh single-use ticket:
--   1. GET /r/{token}                       (the rating page; its hidden _k key is read)
--   2. POST /r/{token}  _k=KEY&overall=L    (durable rating; answered 303 See Other)
--   3. GET the Location                     (the details page: 200 with the details form)
-- Page requests send Accept-Encoding: gzip as phones do, and the device cookie the rating
-- page set is sent back with the POST and the details GET. Only flows whose third step
-- answers 200 with the details form count as completed surveys.
--
-- wrk does not tell a script which connection a response came in on, but it asks for a
-- connection's next request right after that connection's response. Each response here
-- says which step it ends (rating page, 303, details page), so the follow-up request goes
-- into a per-thread queue and the next request() takes it; a request() with an empty queue
-- starts a new flow on the next fresh ticket. Every follow-up is sent after its predecessor
-- was answered, possibly on another keep-alive connection of the same thread.
--
-- Tokens: TOKENS_DIR/tokens-<thread>.txt (issue-tickets.lua's files); thread N uses file N.
package.path = (os.getenv("BENCH_DIR") or "bench") .. "/?.lua;" .. package.path
local inflate = require("inflate")

local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  tokens = {}
  local dir = os.getenv("TOKENS_DIR")
  for line in io.lines(dir .. "/tokens-" .. id .. ".txt") do
    tokens[#tokens + 1] = line
  end
  next_token = 1
  queue, head, tail = {}, 1, 0
  levels = { "3", "2", "3", "1", "3", "0", "3" }
  started, completed, exhausted = 0, 0, 0
  failed = {} -- "step:status" -> count
  cookies = {} -- submission key -> the device cookie of its flow, until the 303 is followed
end

local function push(req)
  tail = tail + 1
  queue[tail] = req
end

local function fail(step, status)
  local key = step .. ":" .. status
  failed[key] = (failed[key] or 0) + 1
end

local function device_cookie(headers)
  local set = inflate.header(headers, "Set-Cookie")
  return set and set:match("(hl_d=%w+)")
end

function request()
  if head <= tail then
    local req = queue[head]
    queue[head] = nil
    head = head + 1
    return req
  end
  local token = tokens[next_token]
  if token == nil then
    -- Out of fresh tickets: the used first ticket answers 410, which counts as a failed flow.
    exhausted = exhausted + 1
    token = tokens[1]
  end
  next_token = next_token + 1
  started = started + 1
  return wrk.format("GET", "/r/" .. token, { ["Accept-Encoding"] = "gzip" })
end

function response(status, headers, body)
  if status == 303 then
    local location = inflate.header(headers, "Location")
    if not location then return fail("post", "no-location") end
    local h = { ["Accept-Encoding"] = "gzip" }
    local key = location:match("[?&]k=(%w+)")
    if key and cookies[key] then
      h["Cookie"] = cookies[key]
      cookies[key] = nil
    end
    push(wrk.format("GET", location, h))
    return
  end
  if status ~= 200 then return fail("get", status) end
  local text = inflate.text(headers, body)
  if not text then return fail("get", "gunzip") end
  if text:find('class="details"', 1, true) then
    completed = completed + 1
    return
  end
  local action = text:match('<form method="post" action="([^"]+)"')
  local key = text:match('name="_k" value="(%w+)"')
  if not (action and key) then return fail("get", "no-form") end
  local level = levels[(completed % #levels) + 1]
  local h = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  local cookie = device_cookie(headers)
  if cookie then
    h["Cookie"] = cookie
    cookies[key] = cookie
  end
  push(wrk.format("POST", action:gsub("&amp;", "&"), h, "_k=" .. key .. "&overall=" .. level))
end

function done(summary, latency, requests)
  local s, c, x = 0, 0, 0
  local failures = {}
  for _, thread in ipairs(threads) do
    s = s + thread:get("started")
    c = c + thread:get("completed")
    x = x + thread:get("exhausted")
    -- thread:get copies tables only one level deep, which is all `failed` is
    for k, v in pairs(thread:get("failed")) do failures[k] = (failures[k] or 0) + v end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("surveys started: %d\n", s))
  io.write(string.format("surveys completed: %d\n", c))
  io.write(string.format("surveys/sec: %.1f\n", c / seconds))
  io.write(string.format("flows begun without a fresh ticket: %d\n", x))
  for k, v in pairs(failures) do io.write(string.format("failed at %s: %d\n", k, v)) end
end
