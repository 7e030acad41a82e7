locals {
  issuer = "https://token.actions.githubusercontent.com"
}

# Federation needs the IAM, IAM credentials and security token APIs; the project's other users keep them.
resource "google_project_service" "federation" {
  for_each = toset(["iam.googleapis.com", "iamcredentials.googleapis.com", "sts.googleapis.com"])

  project                    = var.project
  service                    = each.value
  disable_on_destroy         = false
  disable_dependent_services = false
}

resource "google_iam_workload_identity_pool" "github" {
  project                   = var.project
  workload_identity_pool_id = var.pool_id
  display_name              = "GitHub Actions"
  description               = "Workflow runs of ${var.repository}."

  depends_on = [google_project_service.federation]
}

# Tokens of any other repository are refused at the door, before any service account binding is read.
resource "google_iam_workload_identity_pool_provider" "github" {
  project                            = var.project
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = var.provider_id
  display_name                       = "GitHub Actions OIDC"
  attribute_mapping = {
    "google.subject"        = "assertion.sub"
    "attribute.repository"  = "assertion.repository"
    "attribute.environment" = "assertion.environment"
  }
  attribute_condition = "assertion.repository == \"${var.repository}\""

  oidc {
    issuer_uri = local.issuer
  }
}

resource "google_service_account" "release" {
  project      = var.project
  account_id   = var.release_account
  display_name = "Release workflow (pushes images)"
}

# Only the release environment's jobs (their sub claim) may impersonate it.
resource "google_service_account_iam_member" "release_federation" {
  service_account_id = google_service_account.release.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principal://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/subject/repo:${var.repository}:environment:${var.release_environment}"
}

resource "google_artifact_registry_repository_iam_member" "release_push" {
  project    = var.project
  location   = var.registry_region
  repository = var.registry_repository
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.release.email}"
}

resource "google_service_account" "deploy" {
  for_each = var.deploy_accounts

  project      = var.project
  account_id   = each.value
  display_name = "Deploy workflow (${each.key})"
}

resource "google_service_account_iam_member" "deploy_federation" {
  for_each = var.deploy_accounts

  service_account_id = google_service_account.deploy[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principal://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/subject/repo:${var.repository}:environment:${each.key}"
}

resource "google_project_iam_member" "deploy" {
  for_each = { for pair in setproduct(keys(var.deploy_accounts), var.deploy_roles) : "${pair[0]} ${pair[1]}" => { environment = pair[0], role = pair[1] } }

  project = var.project
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.deploy[each.value.environment].email}"
}
