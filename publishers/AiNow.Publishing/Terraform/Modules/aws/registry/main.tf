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
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 50 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 50
      }
      action = {
        type = "expire"
      }
    }]
  })
}
