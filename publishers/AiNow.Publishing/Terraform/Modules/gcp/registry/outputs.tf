output "registry_url" {
  description = "The prefix the image repositories live under (<region>-docker.pkg.dev/<project>/<repository>)."
  value       = "${google_artifact_registry_repository.this.location}-docker.pkg.dev/${google_artifact_registry_repository.this.project}/${google_artifact_registry_repository.this.repository_id}"
}

output "repository" {
  description = "The Artifact Registry repository's id (the first path segment of every image repository)."
  value       = google_artifact_registry_repository.this.repository_id
}
