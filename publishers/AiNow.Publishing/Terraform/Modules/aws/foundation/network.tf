data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
  # Zones where EKS cannot place a control plane (CreateCluster refuses them); names map to them per account.
  exclude_zone_ids = ["use1-az3", "usw1-az2", "cac1-az3"]

  # Local and Wavelength zones cannot host EKS control-plane ENIs or RDS.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix
  zones      = slice(data.aws_availability_zones.available.names, 0, var.zone_count)

  # The range in eighths: six private subnets at most (pods take VPC addresses), the seventh eighth split
  # into the public subnets of the load balancers and NAT gateways, the last eighth kept free.
  private_cidrs = [for index in range(var.zone_count) : cidrsubnet(var.network_cidr, 3, index)]
  public_cidrs  = [for index in range(var.zone_count) : cidrsubnet(cidrsubnet(var.network_cidr, 3, 6), 3, index)]

  nat_gateway_count = var.production_grade ? var.zone_count : 1
}

resource "aws_vpc" "main" {
  cidr_block           = var.network_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(var.labels, { Name = var.name })

  lifecycle {
    precondition {
      condition     = data.aws_region.current.region == var.region
      error_message = "The aws provider targets ${data.aws_region.current.region}, but this target is in ${var.region}."
    }

    precondition {
      condition     = length(data.aws_availability_zones.available.names) >= var.zone_count
      error_message = "The region has fewer available zones than zone_count."
    }
  }
}

# Nothing may use the default security group: remove its allow-all rules.
resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id

  tags = merge(var.labels, { Name = "${var.name}-default-deny" })
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = merge(var.labels, { Name = var.name })
}

resource "aws_subnet" "public" {
  count = var.zone_count

  vpc_id                  = aws_vpc.main.id
  availability_zone       = local.zones[count.index]
  cidr_block              = local.public_cidrs[count.index]
  map_public_ip_on_launch = false

  tags = merge(var.labels, {
    Name                     = "${var.name}-public-${local.zones[count.index]}"
    "kubernetes.io/role/elb" = "1"
  })
}

resource "aws_subnet" "private" {
  count = var.zone_count

  vpc_id            = aws_vpc.main.id
  availability_zone = local.zones[count.index]
  cidr_block        = local.private_cidrs[count.index]

  tags = merge(var.labels, {
    Name                              = "${var.name}-private-${local.zones[count.index]}"
    "kubernetes.io/role/internal-elb" = "1"
  })
}

resource "aws_eip" "nat" {
  count = local.nat_gateway_count

  domain = "vpc"

  tags = merge(var.labels, { Name = "${var.name}-nat-${local.zones[count.index]}" })

  depends_on = [aws_internet_gateway.main]
}

resource "aws_nat_gateway" "main" {
  count = local.nat_gateway_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = merge(var.labels, { Name = "${var.name}-${local.zones[count.index]}" })

  depends_on = [aws_internet_gateway.main]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  tags = merge(var.labels, { Name = "${var.name}-public" })
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.main.id
}

resource "aws_route_table_association" "public" {
  count = var.zone_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  count = var.zone_count

  vpc_id = aws_vpc.main.id

  tags = merge(var.labels, { Name = "${var.name}-private-${local.zones[count.index]}" })
}

# A zone keeps its egress when another zone fails only if it has its own NAT gateway (production_grade).
resource "aws_route" "private_nat" {
  count = var.zone_count

  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main[var.production_grade ? count.index : 0].id
}

resource "aws_route_table_association" "private" {
  count = var.zone_count

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# Store security groups carry no egress rule: the stores never open connections.
resource "aws_security_group" "postgres" {
  count = local.managed_postgres ? 1 : 0

  name        = "${var.name}-postgres"
  description = "PostgreSQL from the cluster and the peer targets"
  vpc_id      = aws_vpc.main.id

  tags = merge(var.labels, { Name = "${var.name}-postgres" })
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_cluster" {
  count = local.managed_postgres ? 1 : 0

  security_group_id            = aws_security_group.postgres[0].id
  description                  = "PostgreSQL from cluster nodes and pods"
  ip_protocol                  = "tcp"
  from_port                    = var.stores.postgres_port
  to_port                      = var.stores.postgres_port
  referenced_security_group_id = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id

  tags = var.labels
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_peers" {
  for_each = local.managed_postgres ? toset(var.peer_networks) : toset([])

  security_group_id = aws_security_group.postgres[0].id
  description       = "PostgreSQL from peer target ${each.value}"
  ip_protocol       = "tcp"
  from_port         = var.stores.postgres_port
  to_port           = var.stores.postgres_port
  cidr_ipv4         = each.value

  tags = var.labels
}

resource "aws_security_group" "redis" {
  count = var.stores.managed ? 1 : 0

  name        = "${var.name}-redis"
  description = "Valkey from the cluster only"
  vpc_id      = aws_vpc.main.id

  tags = merge(var.labels, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_cluster" {
  count = var.stores.managed ? 1 : 0

  security_group_id            = aws_security_group.redis[0].id
  description                  = "Valkey from cluster nodes and pods"
  ip_protocol                  = "tcp"
  from_port                    = var.stores.redis_port
  to_port                      = var.stores.redis_port
  referenced_security_group_id = aws_eks_cluster.main.vpc_config[0].cluster_security_group_id

  tags = var.labels
}
