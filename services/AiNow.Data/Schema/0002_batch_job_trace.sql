-- v2: the W3C trace context of the request that queued a batch job, so the worker's processing of
-- the job continues that request's trace (submission, queue, worker and inference in one trace).

ALTER TABLE batch_jobs ADD COLUMN trace_parent text NULL
    CHECK (trace_parent IS NULL OR trace_parent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
