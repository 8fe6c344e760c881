// SPDX-License-Identifier: Apache-2.0
using System;
using System.Security.Cryptography;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Loading;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>
/// The Secret gardener-node-agent reads its OperatingSystemConfig from. gardenlet annotates it with
/// checksum/data-script, the SHA-256 of osc.yaml; node-agent does nothing on a node whose
/// checksum/cloud-config-data annotation already equals it (absent counts as empty), so a missing or
/// stale checksum leaves the new content unapplied on registered nodes. Gardener itself accepts any value.
/// </summary>
internal static class NodeAgentSecretRules
{
    public static void Check(LoadedDocument<Secret> secret, Report report)
    {
        if (!secret.Value.Data.TryGetValue(DocumentReader.NodeAgentDataKey, out var data))
        {
            return;
        }
        var expected = Convert.ToHexStringLower(SHA256.HashData(data));
        var annotations = secret.Value.Metadata.Annotations;
        if (annotations is null || !annotations.TryGetValue(DocumentReader.ChecksumAnnotation, out var checksum))
        {
            report.Add(DiagnosticCatalog.NodeAgentChecksum,
                $"the Secret has no {DocumentReader.ChecksumAnnotation} annotation; gardener-node-agent compares it with a node's checksum/cloud-config-data "
                + "and treats a registered node whose annotations match (both empty) as up to date, so it would not apply this osc.yaml there",
                "$.metadata", secret.Positions.Locate("$.metadata.annotations"),
                $"add the annotation {DocumentReader.ChecksumAnnotation}: \"{expected}\" (the SHA-256 of osc.yaml, as gardenlet writes it)");
            return;
        }
        if (!string.Equals(checksum, expected, StringComparison.Ordinal))
        {
            var path = OscPath.Property("$.metadata.annotations", DocumentReader.ChecksumAnnotation);
            report.Add(DiagnosticCatalog.NodeAgentChecksum,
                $"{DocumentReader.ChecksumAnnotation} is not the SHA-256 of osc.yaml ({expected}); gardener-node-agent skips the Secret on nodes "
                + "that already applied this checksum, so an osc.yaml changed without its checksum is not applied there",
                path, secret.Positions.Locate(path),
                $"set {DocumentReader.ChecksumAnnotation}: \"{expected}\"");
        }
    }
}
