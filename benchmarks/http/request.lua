-- One kind of request for wrk, chosen by the KIND environment variable: not-cors, actual, preflight or
-- preflight-refused. The same requests as the JMH scenarios NO_ORIGIN, ACTUAL, PREFLIGHT and
-- PREFLIGHT_REFUSED_ORIGIN.
local kind = os.getenv("KIND") or "not-cors"
-- The allowed origin of the actual request and the preflight: ORIGIN, for an origin loaded from a table.
local origin = os.getenv("ORIGIN") or "https://app.example.com"

wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"

if kind == "actual" then
  wrk.headers["Origin"] = origin
elseif kind == "preflight" then
  wrk.method = "OPTIONS"
  wrk.headers["Origin"] = origin
  wrk.headers["Access-Control-Request-Method"] = "PUT"
  wrk.headers["Access-Control-Request-Headers"] = "content-type,x-requested-with"
elseif kind == "preflight-refused" then
  wrk.method = "OPTIONS"
  wrk.headers["Origin"] = "https://evil.example.net"
  wrk.headers["Access-Control-Request-Method"] = "PUT"
  wrk.headers["Access-Control-Request-Headers"] = "content-type,x-requested-with"
elseif kind ~= "not-cors" then
  error("KIND must be not-cors, actual, preflight or preflight-refused, not " .. kind)
end
