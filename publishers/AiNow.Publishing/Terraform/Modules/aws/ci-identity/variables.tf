variable "repository" {
  description = "The GitHub repository (owner/name) whose workflows may assume the roles; no other repository's token is trusted."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.repository))
    error_message = "repository must be owner/name, e.g. \"contoso/ainow\"."
  }
}

variable "release_environment" {
  description = "The GitHub environment the release workflow pushes images from; only its jobs may assume the release role."
  type        = string
}

variable "release_role" {
  description = "The role the release workflow assumes to push images (\"ainow-release\")."
  type        = string
}

variable "registry_regions" {
  description = "The regions of this account's image registries, where the release role may push."
  type        = list(string)
}

variable "repositories" {
  description = "The image repositories the release role may push to (\"ainow/api\", ...); nothing else."
  type        = list(string)
}

variable "deploy_roles" {
  description = "The deploy role of each GitHub environment (environment => role name, \"production\" => \"ainow-production-deploy\"); only that environment's jobs may assume it."
  type        = map(string)
}

variable "deploy_policy_arns" {
  description = "The IAM policies attached to every deploy role: the rights its environment's Terraform stages and the EKS deploy need (VPC, EKS, RDS, ElastiCache, Secrets Manager, KMS, IAM roles of the workloads, WAF, Route53, the state bucket). The account owner chooses and reviews them."
  type        = list(string)
}

variable "labels" {
  description = "Tags on every role and the OIDC provider."
  type        = map(string)
}
