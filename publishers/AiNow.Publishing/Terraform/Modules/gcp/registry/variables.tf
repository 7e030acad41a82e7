variable "project" {
  type        = string
  description = "The Google Cloud project id that holds the repository (the account every environment of this project shares)."
}

variable "region" {
  type        = string
  description = "The repository's location (\"us-central1\"); images are pushed to <region>-docker.pkg.dev."
}

variable "repositories" {
  type        = list(string)
  description = "Image repositories (\"ainow/api\", \"ainow/gateway\", ...); their common first path segment is the Artifact Registry repository's id, the rest the image name inside it."

  validation {
    condition     = length(var.repositories) > 0 && alltrue([for r in var.repositories : can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?(/[-a-z0-9._]+)+$", r))])
    error_message = "repositories must hold at least one \"<repository>/<image>\" path in lower case, the repository id starting with a letter (at most 63 characters)."
  }

  validation {
    condition     = length(distinct([for r in var.repositories : split("/", r)[0]])) == 1
    error_message = "repositories must share one first path segment: the single Artifact Registry repository every environment pulls from."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels on the repository (Google requires lower-case keys and values)."

  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][-_a-z0-9]{0,62}$", k)) && can(regex("^[-_a-z0-9]{0,63}$", v))])
    error_message = "labels keys and values must be lower-case letters, digits, '-' or '_' (keys start with a letter, at most 63 characters)."
  }
}
