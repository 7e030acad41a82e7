data "aws_route53_zone" "public" {
  name         = var.zone
  private_zone = false
}

resource "aws_route53_record" "target" {
  for_each = { for key, target in var.targets : key => target if target.own_record }

  zone_id = data.aws_route53_zone.public.zone_id
  name    = each.value.hostname
  type    = each.value.record_type
  ttl     = 60
  records = [each.value.address]
}

# TCP rather than HTTPS: the gateway exposes only /v1 and answers the checkers' host-less requests with 404.
resource "aws_route53_health_check" "target" {
  for_each = var.targets

  type              = "TCP"
  port              = 443
  fqdn              = each.value.record_type == "CNAME" ? each.value.address : null
  ip_address        = each.value.record_type == "A" ? each.value.address : null
  failure_threshold = 3
  request_interval  = 30

  tags = {
    Name = "${var.hostname} ${each.key}"
  }
}

# Every weighted record is a CNAME to a target's own name: a weighted set must share one record type,
# and a target's name keeps its own A or CNAME record (written here, or by the target's own stage).
resource "aws_route53_record" "global" {
  for_each = var.targets

  zone_id         = data.aws_route53_zone.public.zone_id
  name            = var.hostname
  type            = "CNAME"
  ttl             = 60
  records         = [each.value.hostname]
  set_identifier  = each.key
  health_check_id = aws_route53_health_check.target[each.key].id

  weighted_routing_policy {
    weight = each.value.weight
  }

  depends_on = [aws_route53_record.target]
}
