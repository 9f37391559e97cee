-- wrk script of soak.sh: cycles through the paths given after "--" and stops each thread after its share of
-- responses, leaving a file named done-N in MARK_DIR; soak.sh then ends wrk (wrk itself runs to its -d).
-- Usage: wrk -t2 -c32 -d600s -s soak.lua http://127.0.0.1:PORT -- REQUESTS_PER_THREAD MARK_DIR PATH...
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local limit, mark_dir, paths, next_path, responses = 0, nil, {}, 0, 0

function init(args)
  limit = tonumber(args[1])
  mark_dir = args[2]
  for k = 3, #args do
    paths[#paths + 1] = args[k]
  end
end

-- a path written METHOD:/path (POST:/leaks/timer/leaky) is sent with that method, others with GET
function request()
  next_path = next_path % #paths + 1
  local method, path = string.match(paths[next_path], "^(%u+):(/.*)$")
  if method then
    return wrk.format(method, path)
  end
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  responses = responses + 1
  if responses == limit then
    local mark = io.open(mark_dir .. "/done-" .. id, "w")
    mark:close()
    wrk.thread:stop()
  end
end
