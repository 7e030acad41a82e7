# Setting the project's IAM policy (which holds the audit configuration) goes through this API.
resource "google_project_service" "cloudresourcemanager" {
  project = var.project
  service = "cloudresourcemanager.googleapis.com"

  # The environments' foundations use the API too; switching it off here would break them.
  disable_on_destroy         = false
  disable_dependent_services = false
}

# Data Access audit logs are off by default; every service's reads and writes are recorded here. The
# project holds one configuration per service, so environments sharing the project get it from this root.
resource "google_project_iam_audit_config" "all_services" {
  project = var.project
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }

  depends_on = [google_project_service.cloudresourcemanager]
}
