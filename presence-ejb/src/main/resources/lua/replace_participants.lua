-- replace_participants.lua: replace a record's participants in one step, so that no reader on any
-- node sees a half-written list.
-- KEYS[1]  the record's participants set
-- ARGV     the new participants (user ids); none removes the set
-- Returns  the number of participants stored
redis.call('DEL', KEYS[1])
if #ARGV == 0 then
  return 0
end
return redis.call('SADD', KEYS[1], unpack(ARGV))
