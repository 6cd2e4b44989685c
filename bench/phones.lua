-- wrk script for bench/national_day.py: phones polling the scoreboards of many events.
-- Arguments: the share of polls that find a new version (those are sent without
-- If-None-Match and answered 200), the pause in ms between one connection's polls (0: as
-- fast as possible; each pause is drawn between 0 and twice this), then one "id:path" per
-- event. Every other poll carries the newest ETag this thread has seen for that event (the
-- ETag starts with the event id) and is answered 304 while the board is unchanged.

local paths, ids, tags = {}, {}, {}
local fresh, pause, next_event = 0, 0, 0

function init(args)
  fresh, pause = tonumber(args[1]), tonumber(args[2])
  for i = 3, #args do
    local id, path = args[i]:match("^(%d+):(.+)$")
    ids[#ids + 1], paths[#paths + 1] = id, path
  end
  math.randomseed(os.time() + #tostring({}))
  next_event = math.random(#paths) - 1
  if pause == 0 then
    delay = nil -- wrk asks for delay() only when the script still has one after init
  end
end

function request()
  next_event = next_event % #paths + 1
  local headers = {}
  local tag = tags[ids[next_event]]
  if tag and math.random() >= fresh then
    headers["If-None-Match"] = tag
  end
  return wrk.format("GET", paths[next_event], headers)
end

function response(status, headers, body)
  local tag = headers["ETag"]
  if status == 200 and tag then
    tags[tag:match('^W/"(%d+)%-')] = tag
  end
end

function delay()
  return math.random(0, 2 * pause)
end
