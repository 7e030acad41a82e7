locals {
  # "ainow/api" is pushed as <region>-docker.pkg.dev/<project>/ainow/api: the first segment is the repository.
  registry_repository_id = split("/", var.registry_repositories[0])[0]
}

# The repository belongs to the account root (gcp/registry), applied before any environment: every
# environment of the project pulls the same images, so the foundation only grants its nodes read access.
resource "google_artifact_registry_repository_iam_member" "nodes" {
  project    = var.project
  location   = var.region
  repository = local.registry_repository_id
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.nodes.email}"

  depends_on = [google_project_service.this]
}
