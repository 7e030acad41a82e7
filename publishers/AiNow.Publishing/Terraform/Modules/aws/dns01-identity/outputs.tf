output "user" {
  description = "The IAM user to create the access key of (aws iam create-access-key --user-name <user>), stored as the DNS-01 credentials Secret on each cluster outside AWS."
  value       = aws_iam_user.dns01.name
}
