// SPDX-License-Identifier: Apache-2.0
using Osc.Model.Diagnostics;

namespace Osc.Model.Validation;

/// <summary>
/// metadata (gardener: ValidateObjectMeta, namespaced: name and generateName DNS subdomains,
/// namespace a DNS label) and spec.type. The CLI joins namespace and name into output paths, so
/// these rules are also what keeps a rendered object inside DIR.
/// </summary>
internal static class MetadataRules
{
    public static void Check(OperatingSystemConfig osc, RuleContext ctx)
    {
        // A metadata of the wrong shape was reported by the binder; its missing fields would only repeat that.
        if (!ctx.Report.HasErrorAt("$.metadata", ctx.Positions))
        {
            CheckNameAndNamespace(osc.Metadata, ctx);
        }
        if (osc.Spec is { } spec && ctx.IsPresentButEmpty("$.spec.type", spec.Type))
        {
            ctx.Add(DiagnosticCatalog.EmptyType, "$.spec.type",
                "spec.type is empty: Gardener accepts it, but no OS extension picks the object up (no user-data, no extension units or files); "
                + "gardener-node-agent applies a reconcile OSC's own units and files all the same",
                "set the OS type: ubuntu, gardenlinux, suse-chost, memoryone-gardenlinux, memoryone-chost, coreos or flatcar");
        }
    }

    private static void CheckNameAndNamespace(ObjectMeta? metadata, RuleContext ctx)
    {
        var name = metadata?.Name;
        if (!string.IsNullOrEmpty(metadata?.GenerateName) && !Names.IsDnsSubdomainPrefix(metadata.GenerateName))
        {
            ctx.Add(DiagnosticCatalog.InvalidObjectName, "$.metadata.generateName", $"\"{metadata.GenerateName}\" is not a DNS subdomain prefix",
                "use lowercase letters, digits, '-' and '.', starting with a letter or digit; the API server appends 5 characters");
        }
        if (string.IsNullOrEmpty(name))
        {
            if (string.IsNullOrEmpty(metadata?.GenerateName))
            {
                ctx.Add(DiagnosticCatalog.InvalidObjectName, "$.metadata.name", "metadata.name is required",
                    "add metadata.name: a lowercase DNS subdomain such as worker-pool-a-original");
            }
        }
        else if (!Names.IsDnsSubdomain(name))
        {
            ctx.Add(DiagnosticCatalog.InvalidObjectName, "$.metadata.name", $"\"{name}\" is not a DNS subdomain",
                "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
        }
        if (string.IsNullOrEmpty(metadata?.Namespace))
        {
            ctx.Add(DiagnosticCatalog.MissingNamespace, "$.metadata.namespace",
                "metadata.namespace is missing: kubectl apply puts the object into the context's namespace; Osc renders it under '_' "
                + "and resolves its secretRefs against Secrets without a namespace",
                "add metadata.namespace, e.g. the shoot's namespace in the seed");
        }
        else if (!Names.IsDnsLabel(metadata.Namespace))
        {
            ctx.Add(DiagnosticCatalog.InvalidNamespace, "$.metadata.namespace", $"\"{metadata.Namespace}\" is not a DNS label, so the API server refuses the object",
                "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit, e.g. shoot--dev--demo");
        }
    }
}
