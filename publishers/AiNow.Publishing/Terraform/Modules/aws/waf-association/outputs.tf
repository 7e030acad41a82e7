output "load_balancer_dns_name" {
  description = "The gateway's load balancer, which the target's own host name points at."
  value       = data.aws_lb.gateway.dns_name
}
