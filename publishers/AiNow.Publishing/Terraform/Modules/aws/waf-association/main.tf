# The controller tags what it makes; the tags find the one ALB of this Ingress in this cluster.
data "aws_lb" "gateway" {
  region = var.region
  tags = {
    "elbv2.k8s.aws/cluster" = var.cluster_name
    "ingress.k8s.aws/stack" = var.ingress
  }
}

data "aws_wafv2_web_acl" "edge" {
  region = var.region
  name   = var.web_acl_name
  scope  = "REGIONAL"
}

# The controller (2.9 and later) leaves a web ACL it did not attach in place when the Ingress names none.
resource "aws_wafv2_web_acl_association" "gateway" {
  region       = var.region
  resource_arn = data.aws_lb.gateway.arn
  web_acl_arn  = data.aws_wafv2_web_acl.edge.arn
}
