variable "bucket" {
  type        = string
  description = "Name of the Spaces bucket holding the remote state of every root of this account (globally unique, 3 to 63 lowercase characters)."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.bucket))
    error_message = "bucket must be 3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "region" {
  type        = string
  description = "Spaces region slug (\"nyc3\")."
}

variable "labels" {
  type        = map(string)
  description = "Unused on DigitalOcean: Spaces buckets take no tags in provider 2.71.0, so there is nothing to label."
}
