data "aws_caller_identity" "current" {}

locals {
  issuer_host = "token.actions.githubusercontent.com"
  audience    = "sts.amazonaws.com"
}

# GitHub Actions' OIDC issuer: workflow runs exchange their token for a role's short-lived credentials,
# so no long-lived AWS key exists for the pipeline. One provider per account.
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://${local.issuer_host}"
  client_id_list = [local.audience]
  tags           = var.labels
}

# Trust limited to one repository's jobs running in one GitHub environment (the token's sub claim):
# one document per environment, the release's and each deploy's.
data "aws_iam_policy_document" "trust" {
  for_each = toset(concat([var.release_environment], keys(var.deploy_roles)))

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer_host}:aud"
      values   = [local.audience]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer_host}:sub"
      values   = ["repo:${var.repository}:environment:${each.key}"]
    }
  }
}

resource "aws_iam_role" "release" {
  name                 = var.release_role
  assume_role_policy   = data.aws_iam_policy_document.trust[var.release_environment].json
  max_session_duration = 7200
  tags                 = var.labels
}

data "aws_iam_policy_document" "release_push" {
  # ECR's login is not scoped to a repository.
  statement {
    sid       = "RegistryLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "PushApplicationImages"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = [for pair in setproduct(var.registry_regions, var.repositories) : "arn:aws:ecr:${pair[0]}:${data.aws_caller_identity.current.account_id}:repository/${pair[1]}"]
  }
}

resource "aws_iam_role_policy" "release_push" {
  name   = "${var.release_role}-push"
  role   = aws_iam_role.release.id
  policy = data.aws_iam_policy_document.release_push.json
}

resource "aws_iam_role" "deploy" {
  for_each = var.deploy_roles

  name                 = each.value
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  max_session_duration = 7200
  tags                 = var.labels
}

resource "aws_iam_role_policy_attachment" "deploy" {
  for_each = { for pair in setproduct(keys(var.deploy_roles), var.deploy_policy_arns) : "${pair[0]} ${pair[1]}" => { environment = pair[0], policy = pair[1] } }

  role       = aws_iam_role.deploy[each.value.environment].name
  policy_arn = each.value.policy
}
