data "aws_route53_zone" "public" {
  name         = var.zone
  private_zone = false
}

# A user, because clusters on other clouds cannot assume an AWS role; its access key is created by
# the operator (aws iam create-access-key) so that no secret passes through Terraform state.
resource "aws_iam_user" "dns01" {
  name = var.name
  tags = var.labels
}

data "aws_iam_policy_document" "dns01" {
  statement {
    sid       = "ChallengeRecords"
    actions   = ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"]
    resources = [data.aws_route53_zone.public.arn]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "route53:ChangeResourceRecordSetsRecordTypes"
      values   = ["TXT"]
    }

    # Only challenge records: the zone's other TXT records (SPF, DMARC, verifications) stay out of reach.
    condition {
      test     = "ForAllValues:StringLike"
      variable = "route53:ChangeResourceRecordSetsNormalizedRecordNames"
      values   = ["_acme-challenge.*"]
    }
  }

  statement {
    sid       = "ChangeStatus"
    actions   = ["route53:GetChange"]
    resources = ["arn:aws:route53:::change/*"]
  }

  statement {
    sid       = "FindZone"
    actions   = ["route53:ListHostedZonesByName"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "dns01" {
  name   = "${var.name}-route53"
  user   = aws_iam_user.dns01.name
  policy = data.aws_iam_policy_document.dns01.json
}
