data "aws_caller_identity" "current" {}

# One set of repositories per account and region: a release is built once and promoted through the
# environments, so dev, staging and production pull the same images.
resource "aws_ecr_repository" "image" {
  for_each = toset(var.repositories)

  region = var.region
  name   = each.value
  # Releases are pinned by tag and digest: a tag must never move to other content.
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }

  tags = var.labels
}

resource "aws_ecr_lifecycle_policy" "image" {
  for_each = aws_ecr_repository.image

  region     = var.region
  repository = each.value.name
  # Only untagged images expire: every environment pulls tagged releases from here, and a production
  # release can be far older than the latest fifty pushes.
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Expire untagged images after 14 days"
      selection = {
        tagStatus   = "untagged"
        countType   = "sinceImagePushed"
        countUnit   = "days"
        countNumber = 14
      }
      action = {
        type = "expire"
      }
    }]
  })
}
