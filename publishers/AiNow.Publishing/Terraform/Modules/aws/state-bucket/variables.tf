variable "bucket" {
  type        = string
  description = "Name of the S3 bucket holding the remote state of every root of the account."
}

variable "region" {
  type        = string
  description = "Region of the bucket."
}

variable "labels" {
  type        = map(string)
  description = "Tags applied to the bucket."
}
