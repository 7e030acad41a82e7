locals {
  node_instance_types = {
    small  = "m7i.large"
    medium = "m7i.xlarge"
    large  = "m7i.2xlarge"
  }

  gpu_instance_types = {
    small  = "g6.xlarge"
    medium = "g6.2xlarge"
    large  = "g6.4xlarge"
  }

  node_pools = merge(
    {
      general = {
        instance_type = local.node_instance_types[var.node_pool.size]
        ami_type      = "AL2023_x86_64_STANDARD"
        min_size      = var.node_pool.min_nodes
        max_size      = var.node_pool.max_nodes
        disk_gb       = 50
        taints        = []
      }
    },
    var.node_pool.max_gpu_nodes > 0 ? {
      gpu = {
        instance_type = local.gpu_instance_types[var.node_pool.size]
        ami_type      = "AL2023_x86_64_NVIDIA"
        min_size      = 0
        max_size      = var.node_pool.max_gpu_nodes
        # The NVIDIA images and model containers need more room than the general pool.
        disk_gb = 200
        taints  = [{ key = "nvidia.com/gpu", value = "present", effect = "NO_SCHEDULE" }]
      }
    } : {}
  )
}

resource "aws_kms_key" "cluster" {
  description             = "EKS secrets envelope encryption for ${var.name} (${var.environment})"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  tags = var.labels
}

resource "aws_kms_alias" "cluster" {
  name          = "alias/${var.name}-eks"
  target_key_id = aws_kms_key.cluster.key_id
}

data "aws_iam_policy_document" "cluster_trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.name}-eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.cluster_trust.json

  tags = var.labels
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

# Created before the cluster so EKS does not create it without retention or encryption.
resource "aws_cloudwatch_log_group" "cluster" {
  name              = "/aws/eks/${var.name}/cluster"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.audit.arn

  tags = var.labels
}

resource "aws_eks_cluster" "main" {
  name     = var.name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids              = aws_subnet.private[*].id
    endpoint_private_access = true
    endpoint_public_access  = true
  }

  # Who may use the cluster is written below as access entries, not left to whoever created it: the
  # creator's implicit entry would collide with the deploy role's when CI creates the cluster.
  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = aws_kms_key.cluster.arn
    }
  }

  # Extended support costs six times the standard rate; upgrades are planned through kubernetes_version.
  upgrade_policy {
    support_type = "STANDARD"
  }

  tags = var.labels

  # The bootstrap flag only counts at creation; a cluster made before it was turned off keeps its
  # creator's entry rather than being replaced.
  lifecycle {
    ignore_changes = [access_config[0].bootstrap_cluster_creator_admin_permissions]
  }

  depends_on = [
    aws_iam_role_policy_attachment.cluster,
    aws_cloudwatch_log_group.cluster,
  ]
}

# The deploy workflow's role runs kubectl and the add-ons' Helm releases, whoever created the cluster.
resource "aws_eks_access_entry" "deploy" {
  cluster_name  = aws_eks_cluster.main.name
  principal_arn = var.deploy_role_arn
  type          = "STANDARD"

  tags = var.labels
}

# Cluster-wide admin, not a namespace scope: the deploy installs the add-ons (CRDs, ClusterRoles,
# webhooks, their namespaces) and applies the application's namespace itself, none of which a
# namespace-scoped policy allows. The role is trusted only for this environment's deploy jobs.
resource "aws_eks_access_policy_association" "deploy" {
  cluster_name  = aws_eks_cluster.main.name
  principal_arn = aws_eks_access_entry.deploy.principal_arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}

data "tls_certificate" "oidc" {
  url = aws_eks_cluster.main.identity[0].oidc[0].issuer
}

# The first certificate is the root of the issuer's chain, the one IAM pins.
resource "aws_iam_openid_connect_provider" "cluster" {
  url             = aws_eks_cluster.main.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc.certificates[0].sha1_fingerprint]

  tags = var.labels
}

data "aws_iam_policy_document" "node_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "node" {
  name               = "${var.name}-eks-node"
  assume_role_policy = data.aws_iam_policy_document.node_trust.json

  tags = var.labels
}

# The CNI policy is not here: the vpc-cni add-on runs with its own IRSA role.
resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset(["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly"])

  role       = aws_iam_role.node.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.value}"
}

resource "aws_launch_template" "node" {
  for_each = local.node_pools

  name_prefix            = "${var.name}-${each.key}-"
  description            = "EKS ${each.key} nodes of ${var.name}"
  update_default_version = true

  block_device_mappings {
    device_name = "/dev/xvda"

    # The account's aws/ebs key: a customer key would need grants for the Auto Scaling service role.
    ebs {
      volume_size           = each.value.disk_gb
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  # IMDSv2 only; hop limit 2 because the load balancer controller discovers its VPC and region from IMDS.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.labels, { Name = "${var.name}-${each.key}" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(var.labels, { Name = "${var.name}-${each.key}" })
  }

  tags = var.labels
}

resource "aws_eks_node_group" "pool" {
  for_each = local.node_pools

  cluster_name           = aws_eks_cluster.main.name
  node_group_name_prefix = "${var.name}-${each.key}-"
  node_role_arn          = aws_iam_role.node.arn
  subnet_ids             = aws_subnet.private[*].id
  ami_type               = each.value.ami_type
  capacity_type          = "ON_DEMAND"
  instance_types         = [each.value.instance_type]
  version                = aws_eks_cluster.main.version

  labels = {
    "ainow/pool" = each.key
  }

  scaling_config {
    desired_size = each.value.min_size
    min_size     = each.value.min_size
    max_size     = each.value.max_size
  }

  launch_template {
    id      = aws_launch_template.node[each.key].id
    version = aws_launch_template.node[each.key].latest_version
  }

  update_config {
    max_unavailable = 1
  }

  node_repair_config {
    enabled = var.production_grade
  }

  dynamic "taint" {
    for_each = each.value.taints

    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = taint.value.effect
    }
  }

  tags = var.labels

  lifecycle {
    create_before_destroy = true
    # The cluster autoscaler owns the current size inside the bounds.
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [
    aws_iam_role_policy_attachment.node,
    aws_eks_addon.vpc_cni,
  ]
}

# Installed before the nodes so they come up with the IRSA-backed CNI and network policy enforcement.
resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = aws_eks_cluster.main.name
  addon_name                  = "vpc-cni"
  service_account_role_arn    = aws_iam_role.addon["vpc_cni"].arn
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  # Without the node agent, NetworkPolicy objects (default deny included) are accepted but not enforced.
  configuration_values = jsonencode({
    enableNetworkPolicy = "true"
  })

  tags = var.labels
}

resource "aws_eks_addon" "ebs_csi_driver" {
  cluster_name                = aws_eks_cluster.main.name
  addon_name                  = "aws-ebs-csi-driver"
  service_account_role_arn    = aws_iam_role.addon["ebs_csi_driver"].arn
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  tags = var.labels

  # Its controller is a Deployment: the add-on stays degraded until nodes exist.
  depends_on = [aws_eks_node_group.pool]
}
