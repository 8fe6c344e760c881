// SPDX-License-Identifier: Apache-2.0
namespace Osc.NodeBoot.Tests;

/// <summary>A provision case: the OSC file under cases/, osc render's extra arguments, and what the node may do beyond the OSC.</summary>
/// <param name="ScriptTouches">Paths the OS extension's script documents touching besides the rootfs/ view (patterns, see <see cref="PathAllowList"/>).</param>
/// <param name="FailingUnits">Declared units that cannot succeed on a container node, with why.</param>
/// <param name="CloudInitWarnings">Warnings cloud-init may log for this case (a part of the line), each with why.</param>
internal sealed record ProvisionCase(string File, string[] RenderArguments, string[] ScriptTouches, IReadOnlyDictionary<string, string> FailingUnits,
    string[]? CloudInitWarningsOrNull = null)
{
    public string[] CloudInitWarnings => CloudInitWarningsOrNull ?? [];
}

/// <summary>The node-boot cases and the allow-lists, each entry with the reason it is there.</summary>
internal static class NodeCases
{
    private static readonly Dictionary<string, string> NoFailures = new(StringComparer.Ordinal);

    /// <summary>What every bash provision script touches besides its rootfs/ view.</summary>
    private static readonly string[] ContainerdStart =
    [
        "var/lib/containerd/**", // containerd's state after the script restarts it
        "opt/containerd/**",
        "etc/cni/net.d", // containerd's CRI plugin creates its CNI config folder
    ];

    private static readonly string[] Ubuntu =
    [
        .. ContainerdStart,
        "var/lib/apt/lists/**", "var/cache/apt/**", // the script's "apt-get update" (offline: empty sources)
    ];

    private static readonly string[] GardenLinux =
    [
        .. ContainerdStart,
        "etc/modules", // appends nfsd
    ];

    private static readonly string[] SuseChost =
    [
        .. ContainerdStart,
        "usr/sbin/ctr", // ln -s /usr/sbin/containerd-ctr /usr/sbin/ctr
        "var/log/journal/**", // journald restarted with Storage=persistent
    ];

    public static readonly IReadOnlyDictionary<string, ProvisionCase> Provision = new Dictionary<string, ProvisionCase>(StringComparer.Ordinal)
    {
        ["ubuntu"] = new("ubuntu.yaml", [], Ubuntu, NoFailures),
        // The apt part, gzip-compressed: cloud-init unpacks it, its apt module writes sources.list.
        ["ubuntu-apt-gzip"] = new("ubuntu-apt.yaml", ["--compress", "gzip"], [.. Ubuntu, "etc/apt/sources.list"], NoFailures),
        ["gardenlinux"] = new("gardenlinux.yaml", [], GardenLinux, NoFailures),
        ["suse-chost"] = new("suse-chost.yaml", [], SuseChost, NoFailures),
        ["memoryone-gardenlinux"] = new("memoryone-gardenlinux.yaml", [], GardenLinux, NoFailures, [VsmpPart]),
        ["memoryone-chost"] = new("memoryone-chost.yaml", [], SuseChost, NoFailures, [VsmpPart]),
        ["node-init"] = new("node-init.yaml", [], GardenLinux, new Dictionary<string, string>
        {
            ["gardener-node-init.service"] = "its init.sh pulls gardener-node-agent from a container registry; the node has no network",
        }),
        ["adversarial-gardenlinux"] = new("adversarial-gardenlinux.yaml", [], GardenLinux, NoFailures),
        ["adversarial-ubuntu"] = new("adversarial-ubuntu.yaml", [], Ubuntu, NoFailures),
        ["adversarial-memoryone-gardenlinux"] = new("adversarial-memoryone-gardenlinux.yaml", [], GardenLinux, NoFailures, [VsmpPart]),
    };

    /// <summary>The vSMP part is read by memoryone's loader before the OS boots; cloud-init skips it with this warning.</summary>
    private const string VsmpPart = "Unhandled unknown content-type (text/x-vsmp)";

    /// <summary>Warnings cloud-init 22.4 logs on any node for reasons that are not the user-data's.</summary>
    public static readonly string[] CloudInitWarnings =
    [
        // With multipart user-data the init stage validates cloud-config before the parts are merged (an
        // empty or absent cloud-config.txt fails "needs to begin with #cloud-config"); the test checks the
        // merged cloud-config with "cloud-init schema --system" instead.
        "Invalid cloud-config provided",
    ];

    /// <summary>Units that fail on any container node, for a reason that is not the OSC's.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContainerNodeFailures = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // nfs-common's mount of the rpc_pipefs file system: the host kernel decides, and a container may not mount it.
        ["run-rpc_pipefs.mount"] = "mounting rpc_pipefs is the host kernel's business; a container node cannot",
    };

    /// <summary>What booting touches on every node (systemd, cloud-init, journald), whatever the user-data.</summary>
    public static readonly string[] BootTouches =
    [
        // cloud-init: its state and logs, the host name from meta-data, fresh SSH host keys, the
        // default user "debian" (passwd, groups, home, sudoers), root's authorized_keys.
        "var/lib/cloud/**", "var/log/cloud-init.log", "var/log/cloud-init-output.log", "etc/hostname",
        "etc/ssh/ssh_host_*", "etc/passwd", "etc/passwd-", "etc/group", "etc/group-", "etc/shadow", "etc/shadow-",
        "etc/gshadow", "etc/gshadow-", "etc/subuid", "etc/subuid-", "etc/subgid", "etc/subgid-", "home/debian/**",
        "etc/sudoers.d/90-cloud-init-users", "root/.ssh/**",
        "var/cache/debconf/**", // debconf's database, rewritten when cloud-init's modules call dpkg tools
        // systemd: timer stamps, lingering users, the persistent journal, logins, tmpfiles.
        "var/lib/systemd/**", "var/log/journal/**", "var/log/wtmp", "var/tmp",
    ];
}
