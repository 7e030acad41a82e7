output "fqdn" {
  description = "The global host name."
  value       = var.hostname
}

output "health_check_ids" {
  description = "Route53 health check of each target, keyed like targets."
  value       = { for key, check in aws_route53_health_check.target : key => check.id }
}
