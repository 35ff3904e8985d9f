-- wrk script: POST /api/v1/posts (creating a post), each request with its
-- own Idempotency-Key. TOKEN is the access token; RUN_ID keeps keys unique
-- across runs.
local token = os.getenv("TOKEN") or ""
local run = os.getenv("RUN_ID") or tostring(os.time())
local kinds = { "request", "offer" }
local categories = { "koken", "boodschappen", "klussen", "tuin", "gezelschap", "vervoer",
  "dieren", "computer", "formulieren", "kinderen", "taal", "overig" }

local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"kind":"%s","category":"%s","title":"Wie helpt mij deze week? (%d)",' ..
    '"body":"Een bericht uit de belastingtest: ik zoek hulp in de buurt.","radiusKm":2}',
    kinds[n % 2 + 1], categories[n % #categories + 1], n)
  return wrk.format("POST", "/api/v1/posts", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, tid or 0, n),
  }, body)
end
