variable "bucket" {
  type        = string
  description = "The state bucket's globally unique name (\"ainow-tfstate-<project>-<region>\")."

  validation {
    condition     = can(regex("^[a-z0-9][-_a-z0-9]{1,61}[a-z0-9]$", var.bucket))
    error_message = "bucket must be 3-63 lower-case letters, digits, '-' or '_', starting and ending with a letter or digit."
  }
}

variable "region" {
  type        = string
  description = "The bucket's location (\"us-central1\")."
}

variable "labels" {
  type        = map(string)
  description = "Labels on the bucket (Google requires lower-case keys and values)."

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][-_a-z0-9]{0,62}$", k)) && can(regex("^[-_a-z0-9]{0,63}$", v))])
    error_message = "labels keys and values must be lower-case letters, digits, '-' or '_' (keys start with a letter, at most 63 characters)."
  }
}
