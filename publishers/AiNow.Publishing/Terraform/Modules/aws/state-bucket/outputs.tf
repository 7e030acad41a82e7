output "bucket" {
  description = "Name of the state bucket (the roots' backend \"s3\" bucket)."
  value       = aws_s3_bucket.state.id
}

output "region" {
  description = "Region of the state bucket (the roots' backend \"s3\" region)."
  value       = aws_s3_bucket.state.region
}
