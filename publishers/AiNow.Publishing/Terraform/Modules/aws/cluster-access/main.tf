data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

# A short-lived token of the caller's identity: Terraform's own role must hold a cluster access entry.
data "aws_eks_cluster_auth" "this" {
  name = var.cluster_name
}
