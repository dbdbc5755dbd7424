-- One schema for SQLite and PostgreSQL: ids are UUID text, times are epoch microseconds (UTC),
-- JSON documents are text, booleans are 0/1.

CREATE TABLE flow (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL UNIQUE,
  tags TEXT NOT NULL
);

CREATE TABLE work_queue (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  is_paused INTEGER NOT NULL,
  concurrency_limit INTEGER,
  priority INTEGER NOT NULL,
  filter TEXT,
  last_polled BIGINT
);

CREATE TABLE block_type (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  logo_url TEXT,
  documentation_url TEXT,
  description TEXT,
  code_example TEXT,
  is_protected INTEGER NOT NULL
);

CREATE TABLE block_schema (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  checksum TEXT NOT NULL,
  fields TEXT NOT NULL,
  block_type_id TEXT NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
  capabilities TEXT NOT NULL,
  version TEXT NOT NULL,
  UNIQUE (checksum, version)
);

CREATE TABLE block_document (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  block_schema_id TEXT NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
  block_type_id TEXT NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
  is_anonymous INTEGER NOT NULL,
  UNIQUE (block_type_id, name)
);

CREATE TABLE deployment (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  flow_id TEXT NOT NULL REFERENCES flow (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  version TEXT,
  description TEXT,
  schedule TEXT,
  is_schedule_active INTEGER NOT NULL,
  infra_overrides TEXT NOT NULL,
  parameters TEXT NOT NULL,
  tags TEXT NOT NULL,
  work_queue_name TEXT,
  parameter_openapi_schema TEXT,
  path TEXT,
  entrypoint TEXT,
  manifest_path TEXT,
  storage_document_id TEXT,
  infrastructure_document_id TEXT,
  UNIQUE (flow_id, name)
);

CREATE TABLE flow_run (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL,
  flow_id TEXT NOT NULL REFERENCES flow (id) ON DELETE CASCADE,
  deployment_id TEXT,
  work_queue_name TEXT,
  flow_version TEXT,
  parameters TEXT NOT NULL,
  idempotency_key TEXT,
  context TEXT NOT NULL,
  empirical_policy TEXT NOT NULL,
  tags TEXT NOT NULL,
  parent_task_run_id TEXT,
  state_id TEXT,
  state_type TEXT,
  state_name TEXT,
  state_timestamp BIGINT,
  state_message TEXT,
  state_details TEXT,
  run_count INTEGER NOT NULL,
  expected_start_time BIGINT,
  next_scheduled_start_time BIGINT,
  start_time BIGINT,
  end_time BIGINT,
  total_run_time DOUBLE PRECISION NOT NULL,
  auto_scheduled INTEGER NOT NULL,
  infrastructure_document_id TEXT,
  infrastructure_pid TEXT
);

CREATE INDEX flow_run_queue_claimable ON flow_run (work_queue_name, state_type, next_scheduled_start_time);
CREATE INDEX flow_run_deployment ON flow_run (deployment_id, idempotency_key);

CREATE TABLE flow_run_state (
  id TEXT PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  message TEXT,
  data TEXT,
  state_details TEXT NOT NULL
);

CREATE INDEX flow_run_state_run ON flow_run_state (flow_run_id, timestamp);

CREATE TABLE log (
  id TEXT PRIMARY KEY,
  created BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  message TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  flow_run_id TEXT,
  task_run_id TEXT
);

CREATE INDEX log_flow_run ON log (flow_run_id, timestamp);
