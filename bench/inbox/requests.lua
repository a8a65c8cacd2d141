-- wrk script: GET requests as signed-in users, rotating through REQUESTS_FILE, one "path token" pair a line (each
-- user's own inbox or conversation with that user's bearer token); each thread starts from its own offset.
local paths, tokens, n = {}, {}, 0
for line in io.lines(os.getenv("REQUESTS_FILE")) do
  local path, token = line:match("^(%S+) (%S+)$")
  n = n + 1; paths[n] = path; tokens[n] = token
end
local i = 0
function setup(thread) i = i + 1; thread:set("offset", i * 7919) end
function init() i = offset or 0 end
function request()
  i = i + 1
  local k = (i % n) + 1
  return wrk.format("GET", paths[k], { ["Authorization"] = "Bearer " .. tokens[k] })
end
