output "host" {
  description = "HTTPS address of the cluster's API server."
  value       = data.digitalocean_kubernetes_cluster.this.endpoint
}

output "cluster_ca_certificate" {
  description = "PEM certificate of the cluster's CA (decoded from the base64 that DigitalOcean returns)."
  value       = base64decode(data.digitalocean_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate)
}

output "token" {
  description = "Bearer token for the cluster's API; only to configure the kubernetes and helm providers."
  value       = data.digitalocean_kubernetes_cluster.this.kube_config[0].token
  sensitive   = true
}
