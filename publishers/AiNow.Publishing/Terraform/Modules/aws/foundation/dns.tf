locals {
  system_of_record_labels = split(".", var.system_of_record.host)
  system_of_record_zone   = join(".", slice(local.system_of_record_labels, 1, length(local.system_of_record_labels)))

  # On a target without PostgreSQL, the primary's name must resolve here to the primary's endpoint.
  resolve_system_of_record = var.stores.managed && !var.stores.system_of_record
  # The primary's name may share this target's private zone; otherwise it gets a zone of its own.
  system_of_record_own_zone = local.resolve_system_of_record && local.system_of_record_zone != var.store_dns.zone
  system_of_record_is_ip    = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", var.system_of_record.address))
}

resource "aws_route53_zone" "stores" {
  count = var.stores.managed ? 1 : 0

  name    = var.store_dns.zone
  comment = "Private names of ${var.name}'s stores"

  vpc {
    vpc_id = aws_vpc.main.id
  }

  tags = var.labels
}

resource "aws_route53_record" "postgres" {
  count = local.managed_postgres ? 1 : 0

  zone_id = aws_route53_zone.stores[0].zone_id
  name    = var.store_dns.postgres_host
  type    = "CNAME"
  ttl     = 60
  records = [aws_db_instance.postgres[0].address]
}

resource "aws_route53_record" "redis" {
  count = var.stores.managed ? 1 : 0

  zone_id = aws_route53_zone.stores[0].zone_id
  name    = var.store_dns.redis_host
  type    = "CNAME"
  ttl     = 60
  records = [aws_elasticache_replication_group.redis[0].primary_endpoint_address]
}

resource "aws_route53_zone" "system_of_record" {
  count = local.system_of_record_own_zone ? 1 : 0

  name    = local.system_of_record_zone
  comment = "The system of record's private name, resolved inside ${var.name}"

  vpc {
    vpc_id = aws_vpc.main.id
  }

  tags = var.labels
}

resource "aws_route53_record" "system_of_record" {
  count = local.resolve_system_of_record ? 1 : 0

  zone_id = local.system_of_record_own_zone ? aws_route53_zone.system_of_record[0].zone_id : aws_route53_zone.stores[0].zone_id
  name    = var.system_of_record.host
  type    = local.system_of_record_is_ip ? "A" : "CNAME"
  ttl     = 60
  records = [var.system_of_record.address]

  lifecycle {
    precondition {
      condition     = var.system_of_record.address != ""
      error_message = "A target without PostgreSQL needs system_of_record.address (the primary root's postgres_address output)."
    }
  }
}
