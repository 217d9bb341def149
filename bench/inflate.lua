-- gunzip for wrk scripts: wrk hands response() the body as sent, so a gzipped page must be
-- inflated before a script can read it. LuaJIT's FFI calls the system zlib, once per
-- response, with one z_stream and one output buffer per wrk thread (each thread has its own
-- Lua state).
local ffi = require("ffi")

ffi.cdef [[
typedef struct hl_z_stream {
  const unsigned char *next_in; unsigned int avail_in; unsigned long total_in;
  unsigned char *next_out; unsigned int avail_out; unsigned long total_out;
  const char *msg; void *state;
  void *zalloc; void *zfree; void *opaque;
  int data_type; unsigned long adler; unsigned long reserved;
} hl_z_stream;
const char *zlibVersion(void);
int inflateInit2_(hl_z_stream *strm, int windowBits, const char *version, int stream_size);
int inflate(hl_z_stream *strm, int flush);
int inflateReset(hl_z_stream *strm);
]]

local ok, z = pcall(ffi.load, "z")
if not ok then z = ffi.load("libz.so.1") end

local M = {}
local OUT = 256 * 1024
local out = ffi.new("unsigned char[?]", OUT)
local stream = ffi.new("hl_z_stream")
local ready = false

-- The inflated text of a gzip (or zlib) body, or nil if it is not one.
function M.gunzip(data)
  if not ready then
    -- 15 + 32: any window size, gzip or zlib header detected automatically
    if z.inflateInit2_(stream, 15 + 32, z.zlibVersion(), ffi.sizeof(stream)) ~= 0 then return nil end
    ready = true
  elseif z.inflateReset(stream) ~= 0 then
    return nil
  end
  stream.next_in = ffi.cast("const unsigned char *", data)
  stream.avail_in = #data
  local parts = {}
  while true do
    stream.next_out = out
    stream.avail_out = OUT
    local rc = z.inflate(stream, 0)
    if rc ~= 0 and rc ~= 1 then return nil end
    parts[#parts + 1] = ffi.string(out, OUT - stream.avail_out)
    if rc == 1 then return table.concat(parts) end
    if stream.avail_in == 0 and stream.avail_out ~= 0 then return nil end -- truncated
  end
end

-- A response header by name, whatever its case.
function M.header(headers, name)
  local wanted = name:lower()
  for key, value in pairs(headers) do
    if key:lower() == wanted then return value end
  end
  return nil
end

-- The body as text: inflated when the response says Content-Encoding: gzip.
function M.text(headers, body)
  local encoding = M.header(headers, "Content-Encoding")
  if encoding and encoding:lower():find("gzip", 1, true) then return M.gunzip(body) end
  return body
end

return M
