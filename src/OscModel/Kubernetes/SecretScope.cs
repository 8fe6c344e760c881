// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;

namespace Osc.Model.Kubernetes;

/// <summary>
/// Which Secret a file's <c>secretRef</c> resolves to; validation and rendering both ask here. Gardener
/// reads it from the OperatingSystemConfig's own namespace: the OS extensions' provision renderers
/// (gardener's FilesToDiskScript, the CoreOS actuator's fileContentToDataURI) and gardenlet, which
/// inlines spec.files' Secrets into the node-agent's osc.yaml, all get
/// <c>{Namespace: osc.Namespace, Name: secretRef.name}</c>.
/// An object without <c>metadata.namespace</c> is in the namespace kubectl would put it in, the
/// context's, which Osc cannot know. Osc treats every such object as being in one and the same
/// namespace: an OSC without a namespace resolves against Secrets without one, and a Secret without a
/// namespace serves no OSC that names one.
/// </summary>
public static class SecretScope
{
    /// <summary>True when two <c>metadata.namespace</c> values name the same namespace (absent and "" are the context's).</summary>
    public static bool SameNamespace(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

    /// <summary>The Secret <paramref name="secretName"/> in the namespace of an OSC in <paramref name="oscNamespace"/>, or null.</summary>
    public static Secret? Resolve(string? oscNamespace, string secretName, IEnumerable<Secret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.FirstOrDefault(s => s.Metadata.Name == secretName && SameNamespace(s.Metadata.Namespace, oscNamespace));
    }

    /// <summary>Namespaces (null: none given) of Secrets named <paramref name="secretName"/> that an OSC in <paramref name="oscNamespace"/> does not see.</summary>
    public static IReadOnlyList<string?> ElsewhereNamed(string? oscNamespace, string secretName, IEnumerable<Secret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.Where(s => s.Metadata.Name == secretName && !SameNamespace(s.Metadata.Namespace, oscNamespace))
            .Select(s => string.IsNullOrEmpty(s.Metadata.Namespace) ? null : s.Metadata.Namespace)
            .Distinct()
            .ToList();
    }
}
