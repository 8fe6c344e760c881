// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>
/// A file an OS extension's provision script writes with fixed text: the one path/text pair from which the
/// script's heredoc and the provision rootfs view are both made. <see cref="Text"/> is what the heredoc holds:
/// no backtick, no line "EOF", and no '$' but the <see cref="Expands"/> variables.
/// </summary>
internal sealed record FixedFile(string Path, string Text)
{
    /// <summary>The directory the script creates, as upstream's mkdir names it (Ubuntu's cloud.cfg.d/ has a trailing slash).</summary>
    public string Directory { get; init; } = GoPath.Dir(Path);

    /// <summary>Shell variables the unquoted heredoc expands on the node, with their values there (SUSE's ${CONTAINERD_CONFIG_PATH}).</summary>
    public IReadOnlyList<(string Variable, string Value)> Expands { get; init; } = [];

    /// <summary>The text the node gets.</summary>
    public string NodeText => Expands.Aggregate(Text, (text, expansion) => text.Replace(expansion.Variable, expansion.Value, System.StringComparison.Ordinal));

    /// <summary>How upstream's scripts write it: mkdir, an unquoted heredoc, chmod 0644.</summary>
    public string Heredoc() => $"mkdir -p {Directory}\ncat <<EOF > {Path}\n{Text}EOF\nchmod 0644 {Path}\n";
}
