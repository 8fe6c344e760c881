// SPDX-License-Identifier: Apache-2.0
using Osc.Renderers.Containerd;

namespace Osc.Renderers;

/// <summary>What rendering needs besides the input documents.</summary>
public sealed record RenderOptions
{
    public static RenderOptions Default { get; } = new();

    /// <summary>Base config and containerd version for /etc/containerd/config.toml.</summary>
    public ContainerdConfigOptions Containerd { get; init; } = new();

    /// <summary>The node's host name: files with a matching <c>hostName</c> replace the global entry. Null: only global files.</summary>
    public string? NodeHostName { get; init; }

    /// <summary>Gzip the provision user-data (cloud-init unpacks it); only for OS types whose consumer takes gzip.</summary>
    public bool CompressUserData { get; init; }

    /// <summary>The shoot's Kubernetes version; suse-chost's reconcile output depends on it (upstream reads it from the Cluster resource).</summary>
    public System.Version? KubernetesVersion { get; init; }

    /// <summary>
    /// PATH of the gardener-node-agent process, which it writes into containerd's
    /// 30-env_config.conf drop-in: systemd's default service PATH on a split-usr system (Debian 12).
    /// </summary>
    public string AgentPath { get; init; } = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}
