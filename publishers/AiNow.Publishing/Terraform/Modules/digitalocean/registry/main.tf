# DigitalOcean allows one container registry per account; every environment's repositories
# ("ainow/api") live in it, so it is created once by the account root and the foundations refer to it by name.
resource "digitalocean_container_registry" "this" {
  name                   = var.name
  subscription_tier_slug = var.subscription_tier
  region                 = var.region
}
