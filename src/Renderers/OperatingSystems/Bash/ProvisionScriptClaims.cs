// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Linq;
using Osc.Model;
using Osc.Model.Validation;

namespace Osc.Renderers.OperatingSystems.Bash;

/// <summary>What a bash provision script writes besides the declared files: its own files, containerd's folder, the units, the run-once marker.</summary>
internal static class ProvisionScriptClaims
{
    /// <param name="osc">The provision OSC.</param>
    /// <param name="ownFiles">The script's own fixed files, whether the script writes each before or after the declared ones, and what it is.</param>
    public static IEnumerable<NodePathClaim> Of(OperatingSystemConfig osc, IEnumerable<(string Path, NodePathClaimKind Kind, string What)> ownFiles)
    {
        var script = $"the {osc.Spec.Type} provision script";
        var claims = ownFiles.Select(file => new NodePathClaim(file.Path, file.Kind, $"{script} ({file.What})")).ToList();
        claims.Add(new NodePathClaim("/etc/containerd", NodePathClaimKind.Directory, $"{script} creates it for containerd's default config"));
        foreach (var unit in osc.Spec.Units ?? [])
        {
            NodePathClaims.UnitClaims(unit.Name, unit.Content is not null, (unit.DropIns ?? []).Select(d => d.Name), NodePathClaimKind.WrittenAfter,
                $"{script} (unit {unit.Name})", claims);
        }
        claims.Add(new NodePathClaim(ProvisionScript.AppliedMarker, NodePathClaimKind.Conflicting,
            $"{script}, which touches its run-once marker there (touch keeps the declared bytes, and the marker stops a second run)"));
        return claims;
    }
}
