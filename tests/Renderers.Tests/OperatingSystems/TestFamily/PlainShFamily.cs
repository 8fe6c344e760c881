// SPDX-License-Identifier: Apache-2.0
using System.Text;
using Osc.Model;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems;
using Osc.Renderers.OperatingSystems.Bash;

namespace Osc.Renderers.Tests.OperatingSystems.TestFamily;

/// <summary>
/// An OS family Osc does not ship, to show what adding one takes: this folder, and one line in the registry
/// (<c>OsFamilies.Default.With(new PlainShFamily())</c> in the tests; a line in <c>OsFamilies.Default</c> in src/).
/// Provision: a POSIX sh script that writes each declared file from base64. Reconcile: one file and one unit of its own.
/// </summary>
internal sealed class PlainShFamily : IOsFamily
{
    public const string Type = "osc-test-plain-sh";
    public const string MarkerPath = "/etc/osc-test-plain-sh/provisioned";
    public const string ReconcileFilePath = "/etc/osc-test-plain-sh/release";

    public bool Handles(string type) => type == Type;

    public ProvisionOutput RenderProvision(OsRenderContext context)
    {
        var script = new StringBuilder("#!/bin/sh\nset -e\n");
        var rootfs = new List<RenderedArtifact>();
        foreach (var file in ProvisionFiles.Resolve(context.Osc, context.Secrets, context.Report, context.Document.Positions))
        {
            script.Append("mkdir -p ").Append(ShellQuote.Single(GoPath.Dir(file.Path))).Append('\n')
                .Append("echo ").Append(Convert.ToBase64String(file.Data)).Append(" | base64 -d > ").Append(ShellQuote.Single(file.Path)).Append('\n');
            rootfs.Add(new RenderedArtifact(file.Path, file.Data, file.Permissions ?? 0x1A4, file.SourcePath));
        }
        script.Append("touch ").Append(MarkerPath).Append('\n');
        rootfs.Add(new RenderedArtifact(MarkerPath, [], 0x1A4, "$.spec.type"));
        return new ProvisionOutput(script.ToString(), rootfs, []);
    }

    public OsReconcileOutput RenderReconcile(OsRenderContext context) => new(
        [new Unit { Name = "plain-sh-release.service", Content = "[Service]\nType=oneshot\nExecStart=/bin/true\n" }],
        [OsReconcileOutput.PlainFile(ReconcileFilePath, "plain-sh 1\n", 0x1A4)],
        null);

    public IEnumerable<NodePathClaim> ProvisionClaims(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings) =>
        [new NodePathClaim(MarkerPath, NodePathClaimKind.Conflicting, "the plain-sh provision script, which touches its marker there")];
}
