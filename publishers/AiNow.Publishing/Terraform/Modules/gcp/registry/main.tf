locals {
  # "ainow/api" is pushed as <region>-docker.pkg.dev/<project>/ainow/api: the first segment is the repository.
  repository_id = split("/", var.repositories[0])[0]
}

resource "google_project_service" "artifactregistry" {
  project = var.project
  service = "artifactregistry.googleapis.com"

  # The environments' foundations use the API too; switching it off here would break them.
  disable_on_destroy         = false
  disable_dependent_services = false
}

# One repository per project and region: a release is built once and promoted through the environments,
# so they all pull the same images; the foundations grant their nodes read access to it by name.
resource "google_artifact_registry_repository" "this" {
  project       = var.project
  location      = var.region
  repository_id = local.repository_id
  description   = "Images of every environment in ${var.project} / ${var.region}."
  format        = "DOCKER"
  mode          = "STANDARD_REPOSITORY"
  labels        = var.labels

  # A released tag always means the same image; releases pin digests on top of that.
  docker_config {
    immutable_tags = true
  }

  cleanup_policy_dry_run = false

  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"

    condition {
      tag_state  = "UNTAGGED"
      older_than = "604800s"
    }
  }

  # Tagged releases are never deleted by age: every environment pulls from this repository, and a
  # production release can be far older than dev's latest pushes. Keep wins over delete.
  cleanup_policies {
    id     = "keep-recent"
    action = "KEEP"

    most_recent_versions {
      keep_count = 20
    }
  }

  depends_on = [google_project_service.artifactregistry]
}
