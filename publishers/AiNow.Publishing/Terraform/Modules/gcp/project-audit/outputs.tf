output "audited_services" {
  description = "The services whose audit logs this project records (\"allServices\")."
  value       = google_project_iam_audit_config.all_services.service
}

output "audit_log_types" {
  description = "The audit log types recorded for them (ADMIN_READ, DATA_READ, DATA_WRITE)."
  value       = sort([for config in google_project_iam_audit_config.all_services.audit_log_config : config.log_type])
}
