variable "region" {
  description = "The region of the cluster and its load balancer."
  type        = string
}

variable "cluster_name" {
  description = "The EKS cluster whose AWS Load Balancer Controller made the load balancer."
  type        = string
}

variable "ingress" {
  description = "The gateway's Ingress as namespace/name, which the controller tags its load balancer with (ingress.k8s.aws/stack)."
  type        = string
}

variable "web_acl_name" {
  description = "The foundation's regional WAF web ACL for the gateway."
  type        = string
}
