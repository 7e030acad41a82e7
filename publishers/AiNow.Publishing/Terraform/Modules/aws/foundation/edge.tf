data "aws_route53_zone" "public" {
  name         = var.public_dns_zone
  private_zone = false
}

# The ALB controller picks this certificate by host name (no certificate ARN in the overlay).
resource "aws_acm_certificate" "gateway" {
  count = length(var.public_hostnames) > 0 ? 1 : 0

  domain_name               = var.public_hostnames[0]
  subject_alternative_names = slice(var.public_hostnames, 1, length(var.public_hostnames))
  validation_method         = "DNS"
  key_algorithm             = "RSA_2048"

  tags = merge(var.labels, { Name = "${var.name}-gateway" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = toset(var.public_hostnames)

  zone_id = data.aws_route53_zone.public.zone_id
  name    = { for option in aws_acm_certificate.gateway[0].domain_validation_options : option.domain_name => option.resource_record_name }[each.value]
  type    = { for option in aws_acm_certificate.gateway[0].domain_validation_options : option.domain_name => option.resource_record_type }[each.value]
  records = [{ for option in aws_acm_certificate.gateway[0].domain_validation_options : option.domain_name => option.resource_record_value }[each.value]]
  ttl     = 300
  # The validation record of a name is the same for every certificate of the account: targets may share it.
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "gateway" {
  count = length(var.public_hostnames) > 0 ? 1 : 0

  certificate_arn         = aws_acm_certificate.gateway[0].arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

# The ALB does not exist yet (the load balancer controller makes it from the overlay): the edge stage
# (aws/waf-association) finds this ACL by its fixed name "<name>-edge" and attaches it.
resource "aws_wafv2_web_acl" "gateway" {
  name        = "${var.name}-edge"
  description = "Public edge of ${var.name} (${var.environment})"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "ip-reputation"
    priority = 10

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAmazonIpReputationList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-ip-reputation"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 20

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "common"
    priority = 30

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"

        # Chat completion requests carry prompts well over the rule's 8 KB body limit.
        rule_action_override {
          name = "SizeRestrictions_BODY"

          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "known-bad-inputs"
    priority = 40

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-edge"
    sampled_requests_enabled   = true
  }

  tags = var.labels
}

# WAF only delivers to log groups whose name starts with "aws-waf-logs-".
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.audit.arn

  tags = var.labels
}

resource "aws_wafv2_web_acl_logging_configuration" "gateway" {
  resource_arn            = aws_wafv2_web_acl.gateway.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  # API keys travel in this header.
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  # Allowed requests are in the ALB's metrics; keep the log for what the WAF blocked or counted.
  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"

      condition {
        action_condition {
          action = "BLOCK"
        }
      }

      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }
}
