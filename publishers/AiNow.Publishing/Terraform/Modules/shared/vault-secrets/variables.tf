variable "kv_mount" {
  type        = string
  description = "Path of the KV version 2 secrets engine this module mounts for one environment on one target (\"ainow-production-onprem\"), holding exactly its entries."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$", var.kv_mount))
    error_message = "kv_mount must be a Vault mount path without leading or trailing slashes, e.g. \"ainow-production-onprem\"."
  }
}

variable "auth_mount" {
  type        = string
  description = "Path at which this module enables the Kubernetes auth method for this cluster (\"kubernetes-ainow-production\"); the SecretStore's auth.kubernetes.mountPath."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$", var.auth_mount))
    error_message = "auth_mount must be a Vault path without leading or trailing slashes, e.g. \"kubernetes-ainow-production\"."
  }
}

variable "role" {
  type        = string
  description = "Name of the Kubernetes auth role External Secrets logs in as (\"ainow-production-eso\"); the read policy carries the same name."
}

variable "namespace" {
  type        = string
  description = "Kubernetes namespace of the service account the role is bound to (\"ainow-production\")."
}

variable "service_account" {
  type        = string
  description = "Kubernetes service account the role is bound to (\"eso\", the SecretStore's serviceAccountRef)."
}

variable "kubernetes_host" {
  type        = string
  description = "HTTPS address of the cluster's API server, which Vault calls to review service account tokens."

  validation {
    condition     = startswith(var.kubernetes_host, "https://")
    error_message = "kubernetes_host must be an https:// URL."
  }
}

variable "kubernetes_ca_certificate" {
  type        = string
  description = "PEM certificate of the CA that signed the cluster API server's serving certificate."

  validation {
    condition     = strcontains(var.kubernetes_ca_certificate, "-----BEGIN CERTIFICATE-----")
    error_message = "kubernetes_ca_certificate must be PEM (decode the base64 form first)."
  }
}

variable "generated_secrets" {
  type        = list(string)
  description = "Entries whose value is a password generated here (32 letters and digits: safe unquoted in Redis and PostgreSQL connection strings)."
}

variable "operator_secrets" {
  type        = list(string)
  description = "Entries created with an empty value that an operator sets out of band (vault kv put); Terraform never overwrites what the operator wrote."

  validation {
    condition     = length(setintersection(toset(var.operator_secrets), toset(var.generated_secrets))) == 0
    error_message = "An entry cannot be both generated and operator-provided: two resources would write the same path."
  }
}

variable "composed_secrets" {
  type        = map(string)
  description = "Entries whose value the caller composed from cloud-issued credentials (connection strings, registry credentials), by entry name."
  sensitive   = true

  validation {
    condition     = length(setintersection(nonsensitive(toset(keys(var.composed_secrets))), toset(concat(var.generated_secrets, var.operator_secrets)))) == 0
    error_message = "A composed entry cannot also be listed in generated_secrets or operator_secrets: two resources would write the same path."
  }
}

variable "token_bound_cidrs" {
  type        = list(string)
  description = "Source ranges from which the Vault tokens issued to the role may be used (the cluster's private range)."

  validation {
    condition     = alltrue([for c in var.token_bound_cidrs : can(cidrhost(c, 0))])
    error_message = "token_bound_cidrs must be CIDR ranges."
  }
}

variable "labels" {
  type        = map(string)
  description = "Labels written as custom metadata on every entry, so an operator browsing the mount sees who owns it."
}
