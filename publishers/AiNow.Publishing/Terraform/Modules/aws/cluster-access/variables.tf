variable "cluster_name" {
  type        = string
  description = "EKS cluster whose API the kubernetes and helm providers talk to."
}
