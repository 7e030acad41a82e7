output "cluster_name" {
  description = "The GKE cluster's name."
  value       = google_container_cluster.this.name
}

output "cluster_endpoint" {
  description = "The GKE control plane's public endpoint (https URL)."
  value       = "https://${google_container_cluster.this.endpoint}"
}

output "registry_url" {
  description = "The Artifact Registry prefix the image repositories live under (<region>-docker.pkg.dev/<project>/<repository>); the account root creates the repository."
  value       = "${var.region}-docker.pkg.dev/${var.project}/${local.registry_repository_id}"
}

output "postgres_address" {
  description = "The private address of this target's Cloud SQL for PostgreSQL when it is the system of record, else \"\"."
  value       = local.postgres_address
}

output "redis_address" {
  description = "The private address of this target's Memorystore for Redis, \"\" when the stores run in the cluster."
  value       = local.redis_address
}

output "network_id" {
  description = "The VPC network's id."
  value       = google_compute_network.this.id
}

output "public_address" {
  description = "The reserved global address named \"<name>-gateway\" that the gateway's Ingress uses."
  value       = google_compute_global_address.gateway.address
}

output "secret_entries" {
  description = "Names of the Secret Manager entries this target holds (no values)."
  value       = sort([for entry in google_secret_manager_secret.entry : entry.secret_id])
}
