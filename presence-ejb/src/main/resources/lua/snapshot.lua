-- snapshot.lua: a record's tabs and state, read atomically so that both match its sequence number.
-- KEYS[1]  the record's hash   KEYS[2]  the record's state hash
-- Returns  { HGETALL of the record, HGETALL of the state }
return { redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]) }
