-- wrk script: issues single-use tickets through POST /api/v1/tickets and writes each
-- thread's tokens to its own file (TOKENS_DIR/tokens-<thread>.txt). With TICKETS_PER_THREAD
-- set, each thread stops once it has that many (run wrk with a generous -d as the bound).
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
  issued = 0
  wanted = tonumber(os.getenv("TICKETS_PER_THREAD") or "")
end

function response(status, headers, body)
  if status == 201 then
    local token = body:match('"token":"(%w+)"')
    if token then
      out:write(token, "\n")
      issued = issued + 1
      if wanted and issued >= wanted then
        out:flush()
        wrk.thread:stop()
      end
    end
  end
end

function done(summary, latency, requests)
  -- files are flushed when each thread's Lua state closes
end
