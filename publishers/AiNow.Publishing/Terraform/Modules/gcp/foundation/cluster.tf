locals {
  machine_types = {
    small  = "e2-standard-2"
    medium = "e2-standard-4"
    large  = "n2-standard-8"
  }

  gpu = {
    machine_type = "g2-standard-8"
    accelerator  = "nvidia-l4"
  }

  # The overlays' SecretStore names the region as the cluster's location (Workload Identity's audience) and
  # cluster-access looks the cluster up by region, so the control plane is always regional; a target that
  # is not production grade keeps its nodes in one zone instead.
  node_locations = var.production_grade ? null : [sort(data.google_compute_zones.available.names)[0]]

  node_oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
}

data "google_compute_zones" "available" {
  project = var.project
  region  = var.region
  status  = "UP"

  depends_on = [google_project_service.this]
}

resource "google_container_cluster" "this" {
  project        = var.project
  name           = var.name
  description    = "AI-Now ${var.environment}."
  location       = var.region
  node_locations = local.node_locations

  network         = google_compute_network.this.id
  subnetwork      = google_compute_subnetwork.nodes.id
  networking_mode = "VPC_NATIVE"

  # Dataplane V2 enforces the overlays' NetworkPolicies (no separate network_policy addon).
  datapath_provider = "ADVANCED_DATAPATH"

  min_master_version = var.kubernetes_version

  release_channel {
    channel = "REGULAR"
  }

  deletion_protection = var.production_grade

  # Node pools are managed below; the default pool only exists while the cluster is created.
  remove_default_node_pool = true
  initial_node_count       = 1

  ip_allocation_policy {
    cluster_secondary_range_name  = google_compute_subnetwork.nodes.secondary_ip_range[0].range_name
    services_secondary_range_name = google_compute_subnetwork.nodes.secondary_ip_range[1].range_name
  }

  # Nodes have private addresses only; the control plane keeps its public endpoint for the deploying runners.
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  workload_identity_config {
    workload_pool = "${var.project}.svc.id.goog"
  }

  enable_shielded_nodes = true

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  addons_config {
    http_load_balancing {
      disabled = false
    }
    horizontal_pod_autoscaling {
      disabled = false
    }
    gce_persistent_disk_csi_driver_config {
      enabled = true
    }
    # NodeLocal DNSCache: the overlays' DNS egress policy allows 169.254.20.10.
    dns_cache_config {
      enabled = true
    }
  }

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"]
  }

  monitoring_config {
    enable_components = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"]

    managed_prometheus {
      enabled = true
    }
  }

  # The short-lived default pool must not run as the Compute Engine default service account.
  node_config {
    service_account = google_service_account.nodes.email
    oauth_scopes    = local.node_oauth_scopes

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }

  resource_labels = var.labels

  lifecycle {
    # node_config describes the removed default pool; a diff on it would replace the cluster.
    ignore_changes = [node_config]
  }

  depends_on = [google_project_iam_member.nodes]
}

resource "google_container_node_pool" "general" {
  project        = var.project
  name           = "${var.name}-general"
  cluster        = google_container_cluster.this.id
  location       = var.region
  node_locations = local.node_locations

  initial_node_count = 1

  # Totals across zones, so min_nodes/max_nodes mean the same on a one-zone and a multi-zone target.
  autoscaling {
    total_min_node_count = var.node_pool.min_nodes
    total_max_node_count = var.node_pool.max_nodes
    location_policy      = "BALANCED"
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  upgrade_settings {
    strategy        = "SURGE"
    max_surge       = 1
    max_unavailable = 0
  }

  node_config {
    machine_type    = local.machine_types[var.node_pool.size]
    image_type      = "COS_CONTAINERD"
    disk_type       = "pd-balanced"
    disk_size_gb    = 100
    service_account = google_service_account.nodes.email
    oauth_scopes    = local.node_oauth_scopes
    tags            = [local.node_tag]
    resource_labels = var.labels

    metadata = {
      disable-legacy-endpoints = "true"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }

  lifecycle {
    ignore_changes = [initial_node_count]
  }

  # Nodes pull the workloads' images as soon as they register.
  depends_on = [google_artifact_registry_repository_iam_member.nodes]
}

resource "google_container_node_pool" "gpu" {
  count = var.node_pool.max_gpu_nodes > 0 ? 1 : 0

  project        = var.project
  name           = "${var.name}-gpu"
  cluster        = google_container_cluster.this.id
  location       = var.region
  node_locations = local.node_locations

  initial_node_count = 0

  # Scales from zero: GPU nodes exist only while a pod that tolerates the taint is pending.
  autoscaling {
    total_min_node_count = 0
    total_max_node_count = var.node_pool.max_gpu_nodes
    location_policy      = "ANY"
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    machine_type    = local.gpu.machine_type
    image_type      = "COS_CONTAINERD"
    disk_type       = "pd-balanced"
    disk_size_gb    = 200
    service_account = google_service_account.nodes.email
    oauth_scopes    = local.node_oauth_scopes
    tags            = [local.node_tag]
    resource_labels = var.labels

    metadata = {
      disable-legacy-endpoints = "true"
    }

    guest_accelerator {
      type  = local.gpu.accelerator
      count = 1

      gpu_driver_installation_config {
        gpu_driver_version = "DEFAULT"
      }
    }

    taint {
      key    = "nvidia.com/gpu"
      value  = "present"
      effect = "NO_SCHEDULE"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }

  lifecycle {
    ignore_changes = [initial_node_count]
  }

  depends_on = [google_artifact_registry_repository_iam_member.nodes]
}
