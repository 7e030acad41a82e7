variable "name" {
  description = "The IAM user cert-manager solves DNS-01 challenges as, from clusters outside AWS."
  type        = string
}

variable "zone" {
  description = "The public Route53 zone it may write challenge records to, and no other."
  type        = string
}

variable "labels" {
  description = "Tags on everything made here."
  type        = map(string)
}
