variable "project" {
  type        = string
  description = "The Google Cloud project id holding the pool, the service accounts and the registry."
}

variable "repository" {
  type        = string
  description = "The GitHub repository (owner/name) whose workflows may impersonate the service accounts; the provider admits no other repository's token."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.repository))
    error_message = "repository must be owner/name, e.g. \"contoso/ainow\"."
  }
}

variable "pool_id" {
  type        = string
  description = "The workload identity pool's id (\"ainow-github\")."
}

variable "provider_id" {
  type        = string
  description = "The pool's OIDC provider id for GitHub Actions (\"github-actions\")."
}

variable "release_environment" {
  type        = string
  description = "The GitHub environment the release workflow pushes images from; only its jobs may impersonate the release service account."
}

variable "release_account" {
  type        = string
  description = "The release service account's id (\"ainow-release\")."
}

variable "registry_region" {
  type        = string
  description = "The location of the Artifact Registry repository the release pushes to."
}

variable "registry_repository" {
  type        = string
  description = "The Artifact Registry repository id the release service account may write to, and nothing else."
}

variable "deploy_accounts" {
  type        = map(string)
  description = "The deploy service account id of each GitHub environment (environment => id, \"production\" => \"ainow-production-deploy\"); only that environment's jobs may impersonate it."
}

variable "deploy_roles" {
  type        = list(string)
  description = "The project roles granted to every deploy service account: what its environment's Terraform stages and the GKE deploy need (network, GKE, Cloud SQL, Memorystore, Secret Manager, service accounts of the workloads, Cloud Armor, the state bucket). The project owner chooses and reviews them."
}
