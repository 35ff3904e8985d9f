-- wrk script: GET /api/v1/posts (the feed) as one resident.
-- TOKEN is the access token; FEED_VARY=1 mixes plain first pages with
-- category, kind + 15 km radius and full-text search (q) requests.
local token = os.getenv("TOKEN") or ""
wrk.headers["Authorization"] = "Bearer " .. token

local vary = os.getenv("FEED_VARY") == "1"
local categories = { "koken", "boodschappen", "klussen", "tuin", "gezelschap", "vervoer",
  "dieren", "computer", "formulieren", "kinderen", "taal", "overig" }
local words = { "hond", "boodschappen", "tuin", "ziekenhuis", "koffie", "telefoon",
  "formulier", "oppas", "ladder", "Nederlands", "fietsen", "lamp" }

request = function()
  if not vary then
    return wrk.format("GET", "/api/v1/posts")
  end
  local r = math.random(4)
  if r == 1 then
    return wrk.format("GET", "/api/v1/posts")
  elseif r == 2 then
    return wrk.format("GET", "/api/v1/posts?category=" .. categories[math.random(#categories)])
  elseif r == 3 then
    return wrk.format("GET", "/api/v1/posts?q=" .. words[math.random(#words)])
  end
  return wrk.format("GET", "/api/v1/posts?kind=offer&radiusKm=15")
end
