-- The name of the agent whose heartbeat keeps a run alive, so that a lost run says which agent lost it.
ALTER TABLE flow_run ADD COLUMN heartbeat_agent TEXT;
