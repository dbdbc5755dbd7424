-- What an agent launched for a flow run (its launch explanation, secrets redacted), one per run,
-- replaced at each launch and deleted with the run.
CREATE TABLE flow_run_launch (
  flow_run_id TEXT PRIMARY KEY REFERENCES flow_run (id) ON DELETE CASCADE,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  launch TEXT NOT NULL
);
