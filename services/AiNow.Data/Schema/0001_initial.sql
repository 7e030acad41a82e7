-- v1: tenants and their API keys, usage events and the batch job queue.

CREATE TABLE tenants (
    id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE,
    rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    key_hash bytea NOT NULL UNIQUE,
    key_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz NULL
);

-- Foreign keys are not indexed by PostgreSQL; cascading deletes and per-tenant listings need it.
CREATE INDEX ix_api_keys_tenant_id ON api_keys (tenant_id);

CREATE TABLE usage_events (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    operation text NOT NULL,
    requests integer NOT NULL,
    tokens integer NOT NULL,
    idempotency_key text NULL UNIQUE,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Usage summaries group one tenant's events by operation.
CREATE INDEX ix_usage_events_tenant_operation ON usage_events (tenant_id, operation);

CREATE TABLE batch_jobs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    model text NOT NULL,
    inputs jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL,
    lease_owner text NULL,
    lease_expires_at timestamptz NULL,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    results jsonb NULL,
    last_error text NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz NULL
);

CREATE INDEX ix_batch_jobs_tenant_id ON batch_jobs (tenant_id, created_at);

-- Claiming scans only unfinished jobs: queued ones by due time, running ones by lease expiry.
-- Finished jobs (the vast majority over time) stay out of both indexes.
CREATE INDEX ix_batch_jobs_queued_due ON batch_jobs (next_attempt_at) WHERE status = 'queued';
CREATE INDEX ix_batch_jobs_running_lease ON batch_jobs (lease_expires_at) WHERE status = 'running';
