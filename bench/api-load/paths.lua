-- wrk script: rotates through request paths (one per line of the file named by PATHS_FILE), each thread from its own offset.
-- FORWARDED_PROTO=https adds X-Forwarded-Proto: https, as the TLS-terminating ingress in front of the Web does (without
-- it the Web redirects every request to https).
local paths, n = {}, 0
for line in io.lines(os.getenv("PATHS_FILE")) do n = n + 1; paths[n] = line end
local proto = os.getenv("FORWARDED_PROTO")
if proto then wrk.headers["X-Forwarded-Proto"] = proto end
local i = 0
function setup(thread) i = i + 1; thread:set("offset", i * 7919) end
function init() i = offset or 0 end
function request() i = i + 1; return wrk.format("GET", paths[(i % n) + 1]) end
