// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.CommandLine;

namespace Osc.Cli;

/// <summary>
/// The options that say how a node's view is rendered, one definition for <c>osc render</c> and <c>osc check</c>
/// (check renders the view render writes), so their names, defaults and help cannot drift apart.
/// </summary>
internal sealed class NodeViewOptions
{
    public Option<string?> ContainerdBase { get; } = new("--containerd-base")
    {
        Description = "The node's /etc/containerd/config.toml before gardener-node-agent patches it (default: Osc's shipped default of --containerd-config-version).",
        HelpName = "FILE",
    };

    public Option<int> ContainerdConfigVersion { get; } = new("--containerd-config-version")
    {
        Description = "Which shipped base config to patch without --containerd-base: 2 (containerd 1.6/1.7), 3 (2.0-2.2) or 4 (2.3+).",
        DefaultValueFactory = _ => 2,
        HelpName = "2|3|4",
    };

    public Option<string?> ContainerdVersion { get; } = new("--containerd-version")
    {
        Description = "The node's containerd version (e.g. 2.2.0); with config version 3 it decides CNI bin_dirs (>= 2.2) over bin_dir.",
        HelpName = "X.Y.Z",
    };

    public Option<string?> KubernetesVersion { get; } = new("--kubernetes-version")
    {
        Description = "The shoot's Kubernetes version (e.g. 1.35.2); suse-chost's reconcile output depends on it.",
        HelpName = "X.Y.Z",
    };

    public Option<string?> HostName { get; } = new("--host-name")
    {
        Description = "The node's host name: files with this hostName replace the global ones, as gardener-node-agent writes them.",
        HelpName = "NAME",
    };

    public NodeViewOptions() => ContainerdConfigVersion.AcceptOnlyFromAmong("2", "3", "4");

    /// <summary>In the order the help lists them.</summary>
    public IEnumerable<Option> All => [ContainerdBase, ContainerdConfigVersion, ContainerdVersion, KubernetesVersion, HostName];

    public NodeViewArguments Read(ParseResult result, bool compressUserData = false) => new(
        ContainerdBase: result.GetValue(ContainerdBase),
        ContainerdConfigVersion: result.GetValue(ContainerdConfigVersion),
        ContainerdVersion: result.GetValue(ContainerdVersion),
        KubernetesVersion: result.GetValue(KubernetesVersion),
        HostName: result.GetValue(HostName),
        CompressUserData: compressUserData);
}
