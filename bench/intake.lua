-- wrk script of bench/intake.py. Arguments after "--": mode (intake or floor), the folder the
-- threads write their answers to, the run's label, and for intake the API token, the
-- company's code and received_at.
--   intake: POST /api/v1/complaints/, each request with a key of its own (run-thread-n) and
--           a valid complaint naming its key in the description; every REPLAY_EVERY-th
--           request sends the previous key and body again, as a client retrying would.
--   floor:  POST /bench/floor/ (a raw INSERT of one complaint row).
-- Each thread writes every 201's reference (or row id) and every other status to its file;
-- done() prints one line "RESULT {json}" for bench/intake.py.

local REPLAY_EVERY = 20
local PROVINCES = {"北京", "辽宁", "大连", "广东", "深圳", "浙江", "四川", "新疆"}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  mode, folder, run, token, company, received_at = args[1], args[2], args[3], args[4], args[5], args[6]
  answers = io.open(string.format("%s/thread-%d.txt", folder, id), "w")
  sent, created, refused, replays = 0, 0, 0, 0
  wrk.headers["Host"] = "portal.example.test"
  wrk.headers["X-Forwarded-Proto"] = "https"
  wrk.headers["Content-Type"] = "application/json"
  if mode == "intake" then
    wrk.headers["Authorization"] = "Token " .. token
  end
end

local function complaint(n)
  local key = string.format("%s-%d-%d", run, id, n)
  local body = string.format(
    '{"channel": "phone", "received_at": "%s", "complainant_name": "张三", '
    .. '"complainant_phone": "139%08d", "province": "%s", "company": "%s", '
    .. '"category": "claims", "product_line": "auto", '
    .. '"description": "车险理赔拖延两个月，多次催办无果。[%s]", "complainant_count": 1}',
    received_at, (id * 10000000 + n) % 100000000, PROVINCES[n % #PROVINCES + 1], company, key)
  return key, body
end

function request()
  if mode == "floor" then
    return wrk.format("POST", "/bench/floor/")
  end
  sent = sent + 1
  local n = sent
  if n % REPLAY_EVERY == 0 then
    n = n - 1
    replays = replays + 1
  end
  local key, body = complaint(n)
  -- wrk.format takes these headers instead of wrk.headers, not besides them.
  local headers = {["Idempotency-Key"] = key}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  return wrk.format("POST", "/api/v1/complaints/", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
    answers:write(body:match('"reference":"([^"]+)"') or body:match('"id": *(%d+)'), "\n")
  else
    refused = refused + 1
    answers:write("status ", status, " ", body:sub(1, 200):gsub("\n", " "), "\n")
  end
  answers:flush()
end

function done(summary, latency, requests)
  local created, refused, replays = 0, 0, 0
  for _, thread in ipairs(threads) do
    created = created + thread:get("created")
    refused = refused + thread:get("refused")
    replays = replays + thread:get("replays")
  end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"created": %d, "refused": %d, "replays": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    created, refused, replays,
    errors.connect + errors.read + errors.write + errors.timeout))
end
