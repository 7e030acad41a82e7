-- v3: per-tenant batch quotas, fair claiming across tenants, and retention of batch inputs and results.

-- The number of texts a job holds, kept apart from the inputs: the per-tenant quota sums it without reading
-- every job's jsonb, and it stays readable after retention has dropped the inputs.
ALTER TABLE batch_jobs ADD COLUMN input_count integer NULL;
UPDATE batch_jobs SET input_count = jsonb_array_length(inputs);
ALTER TABLE batch_jobs ALTER COLUMN input_count SET NOT NULL;
ALTER TABLE batch_jobs ADD CONSTRAINT ck_batch_jobs_input_count_positive CHECK (input_count > 0);

-- Retention drops a finished job's inputs and results and stamps the moment it did so; the row itself (status,
-- counts, error code, timestamps) stays, so the job can still be answered for as expired.
ALTER TABLE batch_jobs ALTER COLUMN inputs DROP NOT NULL;
ALTER TABLE batch_jobs ADD COLUMN expired_at timestamptz NULL;
ALTER TABLE batch_jobs ADD CONSTRAINT ck_batch_jobs_inputs_until_expired
    CHECK ((expired_at IS NULL) = (inputs IS NOT NULL));

-- The quota counts a tenant's unfinished jobs and sums their inputs; claiming counts each tenant's running jobs.
-- Both read only unfinished rows, a small set however many finished jobs accumulate.
CREATE INDEX ix_batch_jobs_unfinished_tenant ON batch_jobs (tenant_id, status) INCLUDE (input_count)
    WHERE status IN ('queued', 'running');

-- Retention looks for finished jobs whose inputs are still stored, oldest first.
CREATE INDEX ix_batch_jobs_finished_unexpired ON batch_jobs (completed_at)
    WHERE status IN ('succeeded', 'failed') AND expired_at IS NULL;
