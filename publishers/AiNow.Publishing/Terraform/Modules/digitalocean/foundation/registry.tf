# The registry itself belongs to the account root (digitalocean/registry): DigitalOcean allows one per
# account, shared by every environment. Pull-only: a leaked pull secret cannot push an image.
resource "digitalocean_container_registry_docker_credentials" "pull" {
  registry_name = var.registry_name
  write         = false
}
