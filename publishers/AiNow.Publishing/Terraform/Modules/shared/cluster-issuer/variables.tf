variable "name" {
  description = "The ClusterIssuer's name, as the overlays' Certificates reference it."
  type        = string
}

variable "email" {
  description = "The ACME account e-mail (expiry notices)."
  type        = string
}

variable "dns_zone" {
  description = "The public Route53 zone the DNS-01 challenges are written to; the issuer solves only names in it."
  type        = string
}

variable "credentials_secret" {
  description = "The Secret in the cert-manager namespace holding the Route53 access key of the DNS-01 identity (keys access-key-id and secret-access-key), created by the operator from an access key of the account root's dns01 IAM user."
  type        = string
}

variable "acme_server" {
  description = "The ACME directory (Let's Encrypt production by default; its staging directory for rehearsals)."
  type        = string
  default     = "https://acme-v02.api.letsencrypt.org/directory"
}
