// SPDX-License-Identifier: Apache-2.0

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>Fixed text the bash-based OS extensions share in their provision scripts.</summary>
internal static class ScriptPieces
{
    /// <summary>Writes containerd's default config when the image has none.</summary>
    public const string ContainerdDefaultConfig = """
        if [ ! -s /etc/containerd/config.toml ]; then
          mkdir -p /etc/containerd/
          containerd config default > /etc/containerd/config.toml
          chmod 0644 /etc/containerd/config.toml
        fi


        """;

    public const string ContainerdExecDropInPath = Systemd.SystemdUnitsRenderer.UnitDirectory + "/containerd.service.d/11-exec_config.conf";

    /// <summary>The 11-exec_config.conf drop-in that points containerd at its config (SUSE's starts /usr/sbin/containerd, with the config path from a variable).</summary>
    public static FixedFile ContainerdExecDropIn(string containerd = "/usr/bin/containerd", string config = "/etc/containerd/config.toml") =>
        new(ContainerdExecDropInPath, $"[Service]\nExecStart=\nExecStart={containerd} --config={config}\n");

    /// <summary>Upstream's line per unit, whatever its enable and command say; the name in single quotes (a valid unit name holds none, so upstream's bytes).</summary>
    public static string EnableAndRestart(string unitName)
    {
        var quoted = ShellQuote.Single(unitName);
        return $"systemctl enable {quoted} && systemctl restart --no-block {quoted}\n";
    }
}
