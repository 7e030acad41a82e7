# The project's _Default bucket is shared by every environment in the project; this environment's own
# bucket is where log_retention_days applies, so environments with different retentions do not collide.
resource "google_logging_project_bucket_config" "this" {
  project        = var.project
  location       = "global"
  bucket_id      = "${var.name}-logs"
  description    = "Logs of ${var.name}'s cluster, kept ${var.log_retention_days} days."
  retention_days = var.log_retention_days

  depends_on = [google_project_service.this]
}

# The cluster is named var.name: filtering on the name rather than the cluster resource lets the sink
# exist before the cluster, so its first logs are routed too.
resource "google_logging_project_sink" "this" {
  project     = var.project
  name        = "${var.name}-logs"
  description = "Routes ${var.name}'s cluster logs into its own log bucket."
  destination = "logging.googleapis.com/${google_logging_project_bucket_config.this.name}"
  filter      = "resource.labels.cluster_name=\"${var.name}\""
}
