# The collector acts as its own Google service account (identities.tf, through Workload Identity),
# which may write logs and traces and nothing else.
resource "google_project_iam_member" "collector" {
  for_each = toset(["roles/cloudtrace.agent", "roles/logging.logWriter"])

  project = var.project
  role    = each.value
  member  = "serviceAccount:${google_service_account.workload[var.collector.service_account].email}"
}
