// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.OperatingSystems;

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

    public const string ContainerdExecDropInPath = "/etc/systemd/system/containerd.service.d/11-exec_config.conf";

    /// <summary>What <see cref="ContainerdExecDropIn"/> writes (SUSE's starts /usr/sbin/containerd).</summary>
    public static string ContainerdExecDropInContent(string containerd = "/usr/bin/containerd") =>
        $"[Service]\nExecStart=\nExecStart={containerd} --config=/etc/containerd/config.toml\n";

    /// <summary>Points containerd at /etc/containerd/config.toml (the 11-exec_config.conf drop-in).</summary>
    public static readonly string ContainerdExecDropIn =
        HeredocFile("/etc/systemd/system/containerd.service.d", ContainerdExecDropInPath, ContainerdExecDropInContent());

    /// <summary>
    /// How upstream's scripts write a fixed file: mkdir, an unquoted heredoc, chmod 0644. The script
    /// and the provision rootfs view both take the file's text from one place through this.
    /// <paramref name="content"/> is fixed text: no '$', no backtick, no line "EOF".
    /// </summary>
    public static string HeredocFile(string directory, string path, string content) =>
        $"mkdir -p {directory}\ncat <<EOF > {path}\n{content}EOF\nchmod 0644 {path}\n";

    /// <summary>One line per spec unit, whatever its enable and command say (as upstream).</summary>
    /// <summary>Upstream's line per unit; the name in single quotes (a valid unit name holds none, so upstream's bytes).</summary>
    public static string EnableAndRestart(string unitName)
    {
        var quoted = Bash.ShellQuote.Single(unitName);
        return $"systemctl enable {quoted} && systemctl restart --no-block {quoted}\n";
    }
}
