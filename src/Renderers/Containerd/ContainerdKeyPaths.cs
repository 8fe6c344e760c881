// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;

namespace Osc.Renderers.Containerd;

/// <summary>
/// Where gardener-node-agent writes each setting, per containerd config version: a table, not an
/// if-chain (upstream containerd_config.go keeps the same table).
/// </summary>
internal sealed record ContainerdKeyPaths(
    string[] RegistryConfigPath,
    string[] SandboxImage,
    string[] CniBinDir,
    string[]? CniBinDirs,
    string[] SystemdCgroup)
{
    private const string CriV1 = "io.containerd.grpc.v1.cri";
    private const string Images = "io.containerd.cri.v1.images";
    private const string Runtime = "io.containerd.cri.v1.runtime";

    private static readonly ContainerdKeyPaths V1V2 = new(
        ["plugins", CriV1, "registry", "config_path"],
        ["plugins", CriV1, "sandbox_image"],
        ["plugins", CriV1, "cni", "bin_dir"],
        null,
        ["plugins", CriV1, "containerd", "runtimes", "runc", "options", "SystemdCgroup"]);

    private static readonly ContainerdKeyPaths V3V4 = new(
        ["plugins", Images, "registry", "config_path"],
        ["plugins", Images, "pinned_images", "sandbox"],
        ["plugins", Runtime, "cni", "bin_dir"],
        ["plugins", Runtime, "cni", "bin_dirs"],
        ["plugins", Runtime, "containerd", "runtimes", "runc", "options", "SystemdCgroup"]);

    public static readonly IReadOnlyDictionary<long, ContainerdKeyPaths> ByVersion = new Dictionary<long, ContainerdKeyPaths>
    {
        [1] = V1V2,
        [2] = V1V2,
        [3] = V3V4,
        [4] = V3V4,
    };

    /// <summary>What the CRI gRPC plugin still reads in a version 3 or 4 config (containerd 2.x's server settings, as in its default config).</summary>
    private static readonly HashSet<string> GrpcServerKeys = new(System.StringComparer.Ordinal)
    {
        "disable_tcp_service", "stream_server_address", "stream_server_port", "stream_idle_timeout", "enable_tls_streaming", "x509_key_pair_streaming",
    };

    /// <summary>
    /// The keys an add plugin puts under io.containerd.grpc.v1.cri of a version 3 or 4 config that
    /// containerd 2.x does not read there (the node-agent moves only ...containerd.runtimes to the
    /// runtime plugin), as dotted paths; empty when none.
    /// </summary>
    public static IReadOnlyList<string> IgnoredByContainerd2(long version, IReadOnlyList<string> path, IEnumerable<string> valueKeys)
    {
        if (version < 3 || path.Count == 0 || path[0] != CriV1 || RewritePluginPath(version, path)[0] != CriV1)
        {
            return [];
        }
        if (path.Count >= 2)
        {
            return GrpcServerKeys.Contains(path[1]) ? [] : [string.Join('.', path)];
        }
        return valueKeys.Where(k => !GrpcServerKeys.Contains(k)).Select(k => CriV1 + "." + k).ToList();
    }

    /// <summary>For config version 3 and up, plugin paths written for v2's CRI runtimes move to the v3 runtime plugin.</summary>
    public static IReadOnlyList<string> RewritePluginPath(long version, IReadOnlyList<string> path)
    {
        if (version >= 3 && path.Count >= 3 && path[0] == CriV1 && path[1] == "containerd" && path[2] == "runtimes")
        {
            var rewritten = new List<string>(path) { [0] = Runtime };
            return rewritten;
        }
        return path;
    }
}
