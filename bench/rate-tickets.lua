-- wrk script: each request rates a fresh single-use ticket, as a citizen's phone does
-- (POST /r/{token}, form-encoded overall answer). Tokens come from issue-tickets.lua's
-- files; thread N uses the file of thread N so no token is rated twice.
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  tokens = {}
  local dir = os.getenv("TOKENS_DIR")
  for line in io.lines(dir .. "/tokens-" .. id .. ".txt") do
    tokens[#tokens + 1] = line
  end
  next_token = 1
  levels = { "3", "2", "3", "1", "0", "3", "2" }
end

function request()
  local token = tokens[next_token]
  if token == nil then
    -- Out of fresh tickets: wrk keeps going, and these show as non-2xx in the summary.
    token = tokens[1]
  end
  local level = levels[(next_token % #levels) + 1]
  next_token = next_token + 1
  return wrk.format("POST", "/r/" .. token, { ["Content-Type"] = "application/x-www-form-urlencoded" }, "overall=" .. level)
end
