// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Text;
using Osc.Model;
using Osc.Model.Loading;
using Osc.Model.Validation;
using Osc.Renderers.Node;
using Osc.Renderers.OperatingSystems.Bash;
using Osc.Shared;

namespace Osc.Renderers.OperatingSystems.GardenLinux;

/// <summary>
/// gardener-extension-os-gardenlinux (gardenlinux, gardenlinux-fips, memoryone-gardenlinux): provision is a bash
/// script (<see cref="GardenLinuxRenderer"/>; memoryone's in its MIME envelope); reconcile raises containerd's
/// limits and, for in-place updates, ships the update script and names it in status.inPlaceUpdates.
/// </summary>
internal sealed class GardenLinuxFamily : IOsFamily
{
    private const string InPlaceUpdateScript = "/opt/gardener/bin/inplace-update.sh";

    public bool Handles(string type) => OsTypes.IsOf(type, OsFamilyName.GardenLinux);

    public ProvisionOutput RenderProvision(OsRenderContext context)
    {
        var deviations = new List<ScriptDeviation>();
        var rootfs = new List<RenderedArtifact>();
        var userData = GardenLinuxRenderer.RenderProvision(context.Document, context.Secrets, context.Report, deviations, rootfs);
        return new ProvisionOutput(userData, rootfs, deviations);
    }

    public OsReconcileOutput RenderReconcile(OsRenderContext context)
    {
        IReadOnlyList<Unit> units =
        [
            new Unit
            {
                Name = "containerd.service",
                DropIns = [new DropIn { Name = "override.conf", Content = "[Service]\nLimitMEMLOCK=67108864\nLimitNOFILE=1048576" }],
            },
        ];
        if (context.Osc.Spec.InPlaceUpdates is not { } inPlace)
        {
            return new OsReconcileOutput(units, [], null);
        }
        var file = new NodeFile
        {
            Path = InPlaceUpdateScript,
            Permissions = FileModes.Octal0755,
            Content = new FileContent
            {
                Inline = new FileContentInline { Encoding = InlineEncoding.B64, Data = Convert.ToBase64String(Encoding.UTF8.GetBytes(EmbeddedText.Template("inplace-update.sh.tpl"))) },
            },
        };
        var status = new InPlaceUpdatesStatus { OsUpdate = new OsUpdate { Command = InPlaceUpdateScript, Args = [NormalizeVersion(inPlace.OperatingSystemVersion)] } };
        return new OsReconcileOutput(units, [file], status);
    }

    public IEnumerable<NodePathClaim> ProvisionClaims(LoadedDocument<OperatingSystemConfig> document, NodeSettings settings) =>
        ProvisionScriptClaims.Of(document.Value, [(ScriptPieces.ContainerdExecDropInPath, NodePathClaimKind.WrittenBefore, "its containerd ExecStart drop-in")]);

    /// <summary>Gardener's version normalisation: the release without pre-release or build parts ("1.0.0-inplace" → "1.0.0").</summary>
    internal static string NormalizeVersion(string version)
    {
        var trimmed = version.TrimStart('v');
        var cut = trimmed.IndexOfAny(['-', '+']);
        return cut < 0 ? trimmed : trimmed[..cut];
    }
}
