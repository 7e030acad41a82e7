variable "zone" {
  description = "The public Route53 zone the target's own host name lies in."
  type        = string
}

variable "hostname" {
  description = "The target's own host name (\"aws.api.example.com\"), served before the global name points at it."
  type        = string
}

variable "load_balancer" {
  description = "The DNS name of the load balancer the ingress controller made."
  type        = string
}
