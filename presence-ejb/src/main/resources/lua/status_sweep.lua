-- status_sweep.lua: remove a user's devices that expired, publishing the change of status that
-- follows. A device that reported meanwhile has a later expiry and stays. Needs lib/user_status.lua.
-- KEYS[1]  the user's status hash
-- ARGV[1]  now, epoch ms   ARGV[2]  status channel   ARGV[3]  tenant   ARGV[4]  user id
-- Returns  the number of devices removed
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local removed = settle_user(KEYS[1], tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4])
return removed
