variable "project" {
  type        = string
  description = "The Google Cloud project id whose audit configuration this sets (one per project, shared by every environment in it)."
}
