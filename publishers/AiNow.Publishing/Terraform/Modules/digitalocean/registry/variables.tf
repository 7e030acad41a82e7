variable "name" {
  type        = string
  description = "The account's container registry name (\"ainow\"): images are pushed to registry.digitalocean.com/<name>/<repository>."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.name))
    error_message = "name must be 1 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "region" {
  type        = string
  description = "DigitalOcean region slug where the registry stores its images (\"nyc3\"); it cannot be moved later."
}

variable "subscription_tier" {
  type        = string
  description = "The registry's subscription tier: basic (up to five repositories) or professional (unlimited repositories)."

  # The starter tier holds a single repository, fewer than the application's images.
  validation {
    condition     = contains(["basic", "professional"], var.subscription_tier)
    error_message = "subscription_tier must be basic or professional."
  }
}
