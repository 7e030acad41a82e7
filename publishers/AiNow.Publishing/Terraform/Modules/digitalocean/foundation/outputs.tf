output "cluster_name" {
  description = "Name of the DOKS cluster."
  value       = digitalocean_kubernetes_cluster.this.name
}

output "cluster_endpoint" {
  description = "HTTPS address of the cluster's API server."
  value       = digitalocean_kubernetes_cluster.this.endpoint
}

output "registry_url" {
  description = "Registry prefix of the images (registry.digitalocean.com/<registry_name>); repositories follow it. The account root creates the registry."
  value       = "registry.digitalocean.com/${var.registry_name}"
}

output "postgres_address" {
  description = "Private host name of this target's PostgreSQL when it holds the system of record, else \"\"."
  value       = local.postgres_enabled ? digitalocean_database_cluster.postgres[0].private_host : ""
}

output "redis_address" {
  description = "Private host name of this target's managed Valkey, else \"\"."
  value       = local.cache_enabled ? digitalocean_database_cluster.valkey[0].private_host : ""
}

output "network_id" {
  description = "ID of the VPC."
  value       = digitalocean_vpc.this.id
}

output "public_address" {
  description = "Always \"\" on DigitalOcean: the public load balancer belongs to ingress-nginx's Service (add-ons stage)."
  value       = ""
}

output "secret_entries" {
  description = "Names of the Vault KV entries this target manages; names only, never values."
  value       = module.vault_secrets.entries
}
