locals {
  # Each log type the collector writes, by its log name. The collector's entries carry no cluster or
  # environment label to filter on, so the environment is part of the log name: environments sharing
  # one project route only their own entries into their own buckets.
  collector_log_filters = { for type, log in var.log_buckets : type => "logName=\"projects/${var.project}/logs/${log.log_name}\"" }

  # GKE's WORKLOADS logging ships every container's stdout, the services' JSON lines (audit events
  # among them) too; the collector already writes those, each log type to its own bucket and retention.
  # GKE's copy of the application namespace is kept nowhere (kubectl logs still reads the pods' own);
  # the system workloads' logs stay in the cluster bucket.
  application_container_logs = "resource.type=\"k8s_container\" AND resource.labels.cluster_name=\"${var.name}\" AND resource.labels.namespace_name=\"${var.application_namespace}\""

  # What the _Default sink must not keep: each collector log type, which lives in its own bucket, and
  # GKE's copy of the services' logs.
  default_exclusions = merge(
    { for type, filter in local.collector_log_filters : type => { filter = filter, description = "The ${type} logs of ${var.name}'s collector live in their own bucket." } },
    { application-containers = { filter = local.application_container_logs, description = "${var.name}'s services log through the collector, into buckets of their own." } },
  )

  # Every route into a bucket of this environment's own: the cluster's logs (minus what the collector
  # writes, which has buckets of its own, and GKE's copy of it) and each log type of the collector, each
  # with its retention.
  log_routes = merge(
    {
      cluster = {
        bucket         = "${var.name}-logs"
        retention_days = var.log_retention_days
        filter         = join(" AND ", concat(["resource.labels.cluster_name=\"${var.name}\""], [for exclusion in values(local.default_exclusions) : "NOT (${exclusion.filter})"]))
        description    = "${var.name}'s cluster logs"
      }
    },
    {
      for type, log in var.log_buckets : type => {
        bucket         = log.bucket
        retention_days = log.retention_days
        filter         = local.collector_log_filters[type]
        description    = "the ${type} logs of ${var.name}'s collector"
      }
    },
  )
}

# The project's _Default bucket is shared by every environment in the project; this environment's own
# buckets are where its retentions apply, so environments with different retentions do not collide.
resource "google_logging_project_bucket_config" "this" {
  for_each = local.log_routes

  project        = var.project
  location       = "global"
  bucket_id      = each.value.bucket
  description    = "Holds ${each.value.description}, kept ${each.value.retention_days} days."
  retention_days = each.value.retention_days

  depends_on = [google_project_service.this]
}

moved {
  from = google_logging_project_bucket_config.this
  to   = google_logging_project_bucket_config.this["cluster"]
}

# The cluster is named var.name: filtering on the name rather than the cluster resource lets the sink
# exist before the cluster, so its first logs are routed too.
resource "google_logging_project_sink" "this" {
  for_each = local.log_routes

  project     = var.project
  name        = each.value.bucket
  description = "Routes ${each.value.description} into its own log bucket."
  destination = "logging.googleapis.com/${google_logging_project_bucket_config.this[each.key].name}"
  filter      = each.value.filter
}

moved {
  from = google_logging_project_sink.this
  to   = google_logging_project_sink.this["cluster"]
}

# The _Default sink would keep the collector's entries a second time, for _Default's retention rather
# than their own and open to every log viewer of the project: its exclusions drop them there (the routes
# above still receive the collector's).
resource "google_logging_project_exclusion" "collector" {
  for_each = local.default_exclusions

  project     = var.project
  name        = "${var.name}-${each.key}"
  description = each.value.description
  filter      = each.value.filter
}
