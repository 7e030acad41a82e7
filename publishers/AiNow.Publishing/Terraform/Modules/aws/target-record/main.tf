data "aws_route53_zone" "public" {
  name         = var.zone
  private_zone = false
}

# The target answers on its own name as soon as its load balancer exists, without waiting for the
# other clouds and the global records.
resource "aws_route53_record" "target" {
  zone_id = data.aws_route53_zone.public.zone_id
  name    = var.hostname
  type    = "CNAME"
  ttl     = 60
  records = [var.load_balancer]
}
