variable "namespace" {
  description = "MetalLB's namespace."
  type        = string
}

variable "addresses" {
  description = "The site's addresses MetalLB may hand to LoadBalancer Services (ranges such as 192.0.2.10-192.0.2.20 or CIDRs), announced over layer 2."
  type        = list(string)

  validation {
    condition     = length(var.addresses) > 0
    error_message = "Give at least one address range for ingress-nginx's LoadBalancer Service."
  }
}
