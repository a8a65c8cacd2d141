-- wrk script: POST /api/listings, rotating through the bearer tokens in TOKENS_FILE (one per line) and a few bodies.
local tokens, n = {}, 0
for line in io.lines(os.getenv("TOKENS_FILE")) do n = n + 1; tokens[n] = line end
local slugs = { "electronics", "furniture", "clothing", "vehicles", "sports", "books-and-media", "toys", "other" }
local i = 0
function setup(thread) i = i + 1; thread:set("offset", i * 101) end
function init() i = offset or 0 end
function request()
  i = i + 1
  local body = string.format('{"title":"bench %s lamp %d","description":"load test listing, good condition, pickup only",' ..
    '"price":%d.%02d,"categorySlug":"%s"}', slugs[(i % #slugs) + 1], i, 1 + (i * 37) % 900, i % 100, slugs[(i % #slugs) + 1])
  return wrk.format("POST", "/api/listings",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[(i % n) + 1] }, body)
end
