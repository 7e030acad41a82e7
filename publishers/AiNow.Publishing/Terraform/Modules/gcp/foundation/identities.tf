locals {
  # Every Kubernetes service account that acts as a Google service account of its own: the workloads
  # and, keyed by its chart's service account name, the collector.
  identities = merge(var.workloads, { (var.collector.service_account) = var.collector })

  # One grant per (workload, entry) it may read; eso reads every entry, the rest none today.
  workload_secret_grants = {
    for grant in flatten([
      for workload, spec in var.workloads : [
        for entry in spec.secrets : { key = "${workload}/${entry}", workload = workload, entry = entry }
      ]
    ]) : grant.key => grant
  }
}

resource "google_service_account" "workload" {
  for_each = local.identities

  project      = var.project
  account_id   = each.value.identity
  display_name = "${var.name} ${each.key}"
  description  = "Workload Identity of ${each.value.namespace}/${each.value.service_account}."

  depends_on = [google_project_service.this]
}

resource "google_service_account_iam_member" "workload_identity" {
  for_each = local.identities

  service_account_id = google_service_account.workload[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project}.svc.id.goog[${each.value.namespace}/${each.value.service_account}]"

  # The identity pool <project>.svc.id.goog exists only once a cluster with Workload Identity does.
  depends_on = [google_container_cluster.this]
}

resource "google_secret_manager_secret_iam_member" "workload" {
  for_each = local.workload_secret_grants

  project   = var.project
  secret_id = google_secret_manager_secret.entry[each.value.entry].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.workload[each.value.workload].email}"

  lifecycle {
    precondition {
      condition     = contains(local.secret_entries, each.value.entry)
      error_message = "workloads[\"${each.value.workload}\"] may read ${each.value.entry}, which this target does not hold (not generated, operator, database or cache entry here)."
    }
  }
}

resource "google_service_account" "nodes" {
  project      = var.project
  account_id   = "${var.name}-nodes"
  display_name = "${var.name} nodes"
  description  = "Node service account of ${var.name}: writes logs and metrics, pulls images."

  depends_on = [google_project_service.this]
}

# GKE's documented minimum for a custom node service account (logs, metrics, autoscaler metrics, metadata);
# workloads get their own identities through Workload Identity, never the node's.
resource "google_project_iam_member" "nodes" {
  project = var.project
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.nodes.email}"
}
