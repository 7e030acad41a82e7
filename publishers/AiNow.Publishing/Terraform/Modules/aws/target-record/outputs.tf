output "hostname" {
  description = "The target's own host name, now resolving to its load balancer."
  value       = aws_route53_record.target.fqdn
}
