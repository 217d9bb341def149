-- wrk script: issues single-use tickets through POST /api/v1/tickets and writes each
-- thread's tokens to its own file (TOKENS_DIR/tokens-<thread>.txt).
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local dir = os.getenv("TOKENS_DIR")
  out = io.open(dir .. "/tokens-" .. id .. ".txt", "w")
  wrk.method = "POST"
  wrk.path = "/api/v1/tickets"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("API_KEY")
  wrk.body = '{"counter":"q1","procedure":"1.004227"}'
end

function response(status, headers, body)
  if status == 201 then
    local token = body:match('"token":"(%w+)"')
    if token then out:write(token, "\n") end
  end
end

function done(summary, latency, requests)
  -- files are flushed when each thread's Lua state closes
end
