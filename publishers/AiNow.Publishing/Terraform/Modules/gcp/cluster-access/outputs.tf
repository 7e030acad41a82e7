output "host" {
  description = "The cluster's API server URL."
  value       = "https://${data.google_container_cluster.this.endpoint}"
}

output "cluster_ca_certificate" {
  description = "The cluster's CA certificate (PEM)."
  value       = base64decode(data.google_container_cluster.this.master_auth[0].cluster_ca_certificate)
}

output "token" {
  description = "A short-lived access token of the caller's identity, for the kubernetes and helm providers only."
  value       = data.google_client_config.current.access_token
  sensitive   = true
}
