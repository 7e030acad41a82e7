output "registry_url" {
  description = "Registry prefix of the images (registry.digitalocean.com/<name>); repositories follow it."
  value       = digitalocean_container_registry.this.endpoint
}

output "name" {
  description = "The registry's name, which each environment's foundation takes as registry_name."
  value       = digitalocean_container_registry.this.name
}
