variable "name" {
  description = "The ClusterRoleBinding's name."
  type        = string
}

variable "namespace" {
  description = "The namespace of the service account that logs in to Vault."
  type        = string
}

variable "service_account" {
  description = "The service account External Secrets logs in to Vault as."
  type        = string
}
