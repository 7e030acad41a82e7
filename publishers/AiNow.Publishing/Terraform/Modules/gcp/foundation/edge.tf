locals {
  waf_rules = {
    sqli = { priority = 1000, expression = "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})" }
    xss  = { priority = 1001, expression = "evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})" }
    lfi  = { priority = 1002, expression = "evaluatePreconfiguredWaf('lfi-v33-stable', {'sensitivity': 1})" }
    rfi  = { priority = 1003, expression = "evaluatePreconfiguredWaf('rfi-v33-stable', {'sensitivity': 1})" }
    rce  = { priority = 1004, expression = "evaluatePreconfiguredWaf('rce-v33-stable', {'sensitivity': 1})" }
  }

  # One RE2 match (a single subexpression) over every public name; "[.]" avoids escaping inside CEL strings.
  public_host_pattern = "^(${join("|", [for host in var.public_hostnames : replace(lower(host), ".", "[.]")])})(:443)?$"
}

# The Ingress names this address (kubernetes.io/ingress.global-static-ip-name); DNS points the target's host at it.
resource "google_compute_global_address" "gateway" {
  project      = var.project
  name         = "${var.name}-gateway"
  description  = "Public address of ${var.name}'s gateway load balancer."
  address_type = "EXTERNAL"
  ip_version   = "IPV4"
  labels       = var.labels

  depends_on = [google_project_service.this]
}

# The gateway's BackendConfig names this policy (the overlay's edge-policy patch).
resource "google_compute_security_policy" "gateway" {
  project     = var.project
  name        = "${var.name}-edge"
  description = "Edge policy of ${var.name}'s gateway: public host names only, OWASP rules, per-client rate limit."
  type        = "CLOUD_ARMOR"

  # Without JSON parsing the WAF rules would see an API's request bodies as opaque text.
  advanced_options_config {
    json_parsing = "STANDARD"
    log_level    = "NORMAL"
  }

  adaptive_protection_config {
    layer_7_ddos_defense_config {
      enable = true
    }
  }

  rule {
    priority    = 100
    description = "Only the public host names reach the gateway."
    action      = "deny(404)"

    match {
      expr {
        expression = "!request.headers['host'].lower().matches('${local.public_host_pattern}')"
      }
    }
  }

  dynamic "rule" {
    for_each = local.waf_rules

    content {
      priority    = rule.value.priority
      description = "Preconfigured WAF: ${rule.key}."
      action      = "deny(403)"

      match {
        expr {
          expression = rule.value.expression
        }
      }
    }
  }

  # A conforming request is allowed outright, so the rate limit comes after every deny rule.
  rule {
    priority    = 2000
    description = "At most ${var.waf_rate_limit} requests per 5 minutes per client address."
    action      = "throttle"

    match {
      versioned_expr = "SRC_IPS_V1"

      config {
        src_ip_ranges = ["*"]
      }
    }

    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"

      rate_limit_threshold {
        count        = var.waf_rate_limit
        interval_sec = 300
      }
    }
  }

  # Cloud Armor always has a lowest-priority rule; declaring it keeps Terraform from trying to remove it.
  rule {
    priority    = 2147483647
    description = "Default: allow."
    action      = "allow"

    match {
      versioned_expr = "SRC_IPS_V1"

      config {
        src_ip_ranges = ["*"]
      }
    }
  }

  lifecycle {
    precondition {
      condition     = alltrue([for host in var.public_hostnames : host == var.public_dns_zone || endswith(host, ".${var.public_dns_zone}")])
      error_message = "Every public host name must be inside public_dns_zone."
    }
  }

  depends_on = [google_project_service.this]
}
