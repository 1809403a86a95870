-- wrk script: sends each pre-built WeChat Pay notification of a file once (bench/CallbackLoad.java build writes it).
--   wrk -t T -c C -d <upper bound> -s bench/callbacks.lua URL/notify/wechat/pay -- FILE RATE T DONE
-- RATE 0: closed loop (as fast as C connections allow); else an open-loop offered rate per second over all threads,
-- each request due at its own time whatever the answers before it took. Each thread sends every T-th line; once all
-- are sent it creates the file DONE.<thread>. wrk itself runs for its -d, so the caller sends it SIGINT a grace period
-- after every thread is done (wrk then prints the summary; the few idle requests of that period are in its figures).
-- Prints one line: errors (non-2xx and socket), answer latency.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } paygate_timespec;
  int clock_gettime(int clock, paygate_timespec *ts);
]]
local clock_now = ffi.new("paygate_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock_now) -- CLOCK_MONOTONIC
  return tonumber(clock_now.tv_sec) * 1000 + tonumber(clock_now.tv_nsec) / 1e6
end

local counter = 0
local threads = {}
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests, next_index, reserved, done_file, reported = {}, 1, 0, nil, false
-- A request that changes nothing, for a call of request() with no line left. Built in init(), once wrk knows the target.
local filler
local interval_ms, started_ms = 0, nil
-- wrk calls request() once on its first thread to check the script, before any is sent: that call must not use up a line.
local checked = false

function init(args)
  local file, rate, nthreads = args[1], tonumber(args[2]), tonumber(args[3])
  done_file = args[4] .. "." .. thread_id
  filler = wrk.format("GET", "/q/health/live", {})
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == thread_id then
      local ts, nonce, sig, serial, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      table.insert(requests, wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["Wechatpay-Timestamp"] = ts, ["Wechatpay-Nonce"] = nonce,
        ["Wechatpay-Signature"] = sig, ["Wechatpay-Serial"] = serial }, body))
    end
    i = i + 1
  end
  if rate > 0 then interval_ms = 1000 * nthreads / rate end
  checked = thread_id ~= 0
  if #requests == 0 then io.open(done_file, "w"):close(); reported = true end
end

function delay()
  if next_index > #requests then return 1000 end
  if interval_ms == 0 then return 0 end
  started_ms = started_ms or now_ms()
  local due = started_ms + reserved * interval_ms
  reserved = reserved + 1
  return math.max(0, due - now_ms())
end

function request()
  if not checked then
    checked = true
    return requests[1] or filler
  end
  local r = requests[next_index]
  next_index = next_index + 1
  if r then return r end
  -- Every line of this thread is sent. Answers cannot be counted here (wrk skips response() for an answer without
  -- headers, such as our 204), and closing the connections now would abort the requests still being answered. So
  -- the thread says it is done and keeps its connections open with a harmless request a second (see delay()) until
  -- the caller, after a grace period, stops wrk.
  if not reported then
    reported = true
    io.open(done_file, "w"):close()
  end
  return filler
end

function done(summary, latency, requests_done)
  io.write(string.format("errors %d, answer p50 %.1f ms p99 %.1f ms max %.1f ms\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
