variable "cluster_name" {
  type        = string
  description = "The GKE cluster to reach (\"ainow-production\")."
}

variable "project" {
  type        = string
  description = "The Google Cloud project id holding the cluster."
}

variable "region" {
  type        = string
  description = "The cluster's location; the foundation always makes a regional control plane."
}
