# Where the collector writes each log type, kept for that type's retention and encrypted with the same
# key as the other log groups here.
resource "aws_cloudwatch_log_group" "telemetry" {
  for_each = var.log_groups

  name              = each.value.name
  retention_in_days = each.value.retention_days
  kms_key_id        = aws_kms_key.audit.arn

  tags = merge(var.labels, { "log-type" = each.key })
}

data "aws_iam_policy_document" "collector" {
  # The groups exist (above), so the collector never creates one; its streams are named by its
  # configuration, and ":*" scopes them to these groups only.
  statement {
    sid       = "WriteOwnLogGroups"
    actions   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
    resources = flatten([for group in aws_cloudwatch_log_group.telemetry : [group.arn, "${group.arn}:*"]])
  }

  # X-Ray's write and sampling calls take no resource-level permissions.
  statement {
    sid       = "SendTraces"
    actions   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
    resources = ["*"]
  }
}

# The collector's IRSA role is one of identities.tf's; this is all it may do.
resource "aws_iam_role_policy" "collector" {
  name   = "write-telemetry"
  role   = aws_iam_role.workload[var.collector.service_account].name
  policy = data.aws_iam_policy_document.collector.json
}
