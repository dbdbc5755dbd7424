-- A run's idempotency key is unique per flow, so a slot is never scheduled twice, even by
-- several server replicas at once. Agents heartbeat the runs they hold; the reaper reads it.
CREATE UNIQUE INDEX flow_run_idempotency ON flow_run (flow_id, idempotency_key);
ALTER TABLE flow_run ADD COLUMN heartbeat BIGINT;
CREATE INDEX flow_run_state_type ON flow_run (state_type, next_scheduled_start_time);
