// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Kubernetes;
using Osc.Model.Syntax;

namespace Osc.Model.Validation;

/// <summary>spec.files and status.extensionFiles: paths, content sources, host names, duplicates (gardener F1–F8, D1, plus Osc's checks).</summary>
internal static class FileRules
{
    private const uint MaxPermissions = 0xFFF; // 07777: permission bits plus setuid, setgid and sticky

    public static void Check(IReadOnlyList<NodeFile>? files, string listPath, IReadOnlyList<Secret> secrets, RuleContext ctx)
    {
        for (var i = 0; i < (files?.Count ?? 0); i++)
        {
            var file = files![i];
            var path = OscPath.Index(listPath, i);
            CheckPath(file.Path, path + ".path", ctx);
            CheckContent(file.Content, path + ".content", secrets, ctx);
            if (file.HostName is { } hostName && !Names.IsDnsSubdomain(hostName))
            {
                ctx.Add(DiagnosticCatalog.InvalidHostName, path + ".hostName", $"\"{hostName}\" is not a DNS subdomain",
                    "give the node's host name in lowercase, e.g. worker-a-1");
            }
            if (file.Permissions is > MaxPermissions)
            {
                ctx.Add(DiagnosticCatalog.PermissionsOutOfRange, path + ".permissions",
                    $"permissions {file.Permissions} (octal {Convert.ToString(file.Permissions.Value, 8)}) are above 07777: gardener-node-agent keeps only "
                    + $"the permission bits (0{Convert.ToString(file.Permissions.Value & 0x1FF, 8)}), a provision script's chmod fails and leaves the file's default mode",
                    "write the mode as an octal number such as 0644, or decimal 420");
            }
        }
    }

    private static void CheckPath(string filePath, string path, RuleContext ctx)
    {
        if (filePath.Length == 0)
        {
            if (ctx.Positions.Contains(path))
            {
                ctx.Add(DiagnosticCatalog.FilePathRequired, path, "file path is empty", "give the absolute path on the node, e.g. /etc/example.conf");
            }
            return;
        }
        if (filePath.Contains('\0', StringComparison.Ordinal))
        {
            ctx.Add(DiagnosticCatalog.FilePathNotLinux, path, $"\"{filePath}\" contains a NUL character, which no Linux path can hold",
                "remove the NUL character");
            return;
        }
        var segments = filePath.Split('/');
        if (segments.Contains(".."))
        {
            ctx.Add(DiagnosticCatalog.FilePathTraversal, path, $"\"{filePath}\" contains '..', which the node resolves through its own symbolic links (/var/run/.. is / where /var/run links to /run), so where the file lands cannot be known offline",
                "write the path without '..' segments");
            return;
        }
        if (NodeFilePaths.LengthProblem(filePath) is { } tooLong)
        {
            ctx.Add(DiagnosticCatalog.FilePathNotLinux, path, tooLong, "shorten the path; the node's file system cannot hold it");
            return;
        }
        if (NodeFilePaths.NamesNoFile(filePath))
        {
            var what = filePath.EndsWith('/') ? "ends in '/'" : filePath.EndsWith('.') ? "ends in '.'" : "has no file name";
            ctx.Add(DiagnosticCatalog.FilePathNamesNoFile, path,
                $"\"{filePath}\" {what}, so it names the directory \"{NodeFilePaths.Clean(filePath)}\", not a file: gardener-node-agent would fail to write it",
                "write the file's full path, e.g. /etc/example.conf");
            return;
        }
        if (!filePath.StartsWith('/'))
        {
            ctx.Add(DiagnosticCatalog.RelativeFilePath, path,
                $"\"{filePath}\" is relative; gardener-node-agent runs in / (its unit sets no working directory), so it writes /{filePath}, where Osc renders it",
                $"write it absolute: /{filePath}");
            return;
        }
        var normalized = NodeFilePaths.Clean(filePath);
        if (normalized != filePath)
        {
            ctx.Add(DiagnosticCatalog.FilePathNotNormalized, path, $"\"{filePath}\" is not normalised",
                $"write {normalized}");
        }
    }

    private static void CheckContent(FileContent content, string path, IReadOnlyList<Secret> secrets, RuleContext ctx)
    {
        var sources = (content.SecretRef is not null ? 1 : 0) + (content.Inline is not null ? 1 : 0) + (content.ImageRef is not null ? 1 : 0);
        if (sources == 0)
        {
            if (ctx.Positions.Contains(path))
            {
                ctx.Add(DiagnosticCatalog.FileContentMissing, path, "either 'secretRef', 'inline' or 'imageRef' must be provided",
                    "add content.inline {encoding: \"\", data: ...}, content.secretRef or content.imageRef");
            }
            return;
        }
        if (sources > 1)
        {
            ctx.Add(DiagnosticCatalog.FileContentAmbiguous, path, "only one of 'secretRef', 'inline' or 'imageRef' may be set",
                "keep one content source and remove the others");
            return;
        }
        if (content.SecretRef is { } secretRef)
        {
            CheckSecretRef(secretRef, path + ".secretRef", secrets, ctx);
        }
        if (content.Inline is { } inline)
        {
            var dataPath = path + ".inline.data";
            if (ctx.IsPresentButEmpty(dataPath, inline.Data))
            {
                ctx.Add(DiagnosticCatalog.InlineDataRequired, dataPath, "inline data is empty", "give the file's content in data");
            }
            else if (inline.Encoding == InlineEncoding.B64 && ctx.IsValid(path + ".inline.encoding") && inline.Data.Length > 0
                && !SecretBinder.TryDecodeBase64(inline.Data, out _))
            {
                ctx.Add(DiagnosticCatalog.InvalidBase64, dataPath,
                    "data is not valid base64: Gardener accepts it, but gardener-node-agent and the OS extensions cannot decode it, so the node does not get this file (osc render refuses it)",
                    "encode the content with base64 (padded, standard alphabet), or use encoding: \"\" for plain text");
            }
        }
        if (content.ImageRef is { } imageRef)
        {
            if (ctx.IsPresentButEmpty(path + ".imageRef.image", imageRef.Image))
            {
                ctx.Add(DiagnosticCatalog.ImageRefFieldRequired, path + ".imageRef.image", "image is empty", "give an image reference, e.g. registry.example/tools:1.0");
            }
            if (ctx.IsPresentButEmpty(path + ".imageRef.filePathInImage", imageRef.FilePathInImage))
            {
                ctx.Add(DiagnosticCatalog.ImageRefFieldRequired, path + ".imageRef.filePathInImage", "filePathInImage is empty",
                    "give the absolute path of the file inside the image");
            }
        }
    }

    private static void CheckSecretRef(FileContentSecretRef secretRef, string path, IReadOnlyList<Secret> secrets, RuleContext ctx)
    {
        var emptyName = ctx.IsPresentButEmpty(path + ".name", secretRef.Name);
        var emptyKey = ctx.IsPresentButEmpty(path + ".dataKey", secretRef.DataKey);
        if (emptyName)
        {
            ctx.Add(DiagnosticCatalog.SecretRefFieldRequired, path + ".name", "secretRef name is empty", "name the Secret that holds the content");
        }
        if (emptyKey)
        {
            ctx.Add(DiagnosticCatalog.SecretRefFieldRequired, path + ".dataKey", "secretRef dataKey is empty", "name the key of the Secret's data");
        }
        if (secretRef.Name.Length == 0 || secretRef.DataKey.Length == 0)
        {
            return;
        }
        var secret = SecretScope.Resolve(ctx.OscNamespace, secretRef.Name, secrets);
        if (secret is null)
        {
            if (ctx.Options.RequireSecrets)
            {
                ctx.Add(DiagnosticCatalog.SecretNotFound, path + ".name", SecretNotFoundMessage(ctx.OscNamespace, secretRef.Name, secrets),
                    "pass the Secret's manifest as another input file or document (kind: Secret, apiVersion: v1) in the OperatingSystemConfig's namespace");
            }
            return;
        }
        if (!secret.Data.ContainsKey(secretRef.DataKey))
        {
            var keys = secret.Data.Keys.ToList();
            ctx.Add(DiagnosticCatalog.SecretKeyNotFound, path + ".dataKey", $"Secret \"{secretRef.Name}\" has no key \"{secretRef.DataKey}\"",
                keys.Count == 0 ? "the Secret has no data" : "its keys: " + string.Join(", ", keys));
        }
    }

    /// <summary>Why a secretRef resolves to nothing: no Secret of that name, or only ones in other namespaces.</summary>
    internal static string SecretNotFoundMessage(string? oscNamespace, string secretName, IReadOnlyList<Secret> secrets)
    {
        var where = string.IsNullOrEmpty(oscNamespace) ? "without a namespace (like this OperatingSystemConfig)" : $"in namespace \"{oscNamespace}\"";
        var elsewhere = SecretScope.ElsewhereNamed(oscNamespace, secretName, secrets);
        var others = elsewhere.Count == 0 ? ""
            : "; the input has one " + string.Join(" and one ", elsewhere.Select(ns => ns is null ? "without a namespace" : $"in namespace \"{ns}\""))
                + ", but Gardener reads the Secret from the OperatingSystemConfig's namespace";
        return $"no Secret \"{secretName}\" {where} is in the input, so the content cannot be rendered{others}";
    }

    /// <summary>
    /// Gardener D1 over spec.files then status.extensionFiles with one shared map: a path may repeat
    /// only on entries with different host names; what upstream catches is an error (OSC1237). Upstream
    /// remembers only the first entry's host name, so [A, B, B] passes there; Osc remembers every one and
    /// warns (OSC1247) about what upstream lets through. Paths are compared as the node resolves them, so
    /// /etc/a and /etc//a are one file (an error: which content the node keeps would depend on history).
    /// </summary>
    public static void CheckDuplicates(IReadOnlyList<NodeFile>? specFiles, IReadOnlyList<NodeFile>? statusFiles, RuleContext ctx)
    {
        var seen = new Dictionary<string, (bool Global, string? FirstHostName, HashSet<string> HostNames, string FirstPath)>(StringComparer.Ordinal);
        void Visit(IReadOnlyList<NodeFile>? files, string listPath)
        {
            for (var i = 0; i < (files?.Count ?? 0); i++)
            {
                var file = files![i];
                if (NodeFilePaths.CleanIfPlaceable(file.Path) is not { } nodePath)
                {
                    continue;
                }
                var isGlobal = file.HostName is null;
                if (seen.TryGetValue(nodePath, out var earlier))
                {
                    var path = OscPath.Index(listPath, i) + ".path";
                    if (isGlobal || earlier.Global || earlier.FirstHostName == file.HostName)
                    {
                        var same = file.Path == earlier.FirstPath ? "" : $" (the node path of \"{earlier.FirstPath}\")";
                        ctx.Add(DiagnosticCatalog.DuplicateFilePath, path,
                            $"\"{file.Path}\" is declared twice{same}" + (isGlobal ? "" : $" for host \"{file.HostName}\""),
                            "declare each path once; per-host variants need distinct hostName values and no global entry");
                        continue;
                    }
                    if (!earlier.HostNames.Add(file.HostName!))
                    {
                        ctx.Add(DiagnosticCatalog.DuplicateFilePathForHost, path,
                            $"\"{file.Path}\" is declared twice for host \"{file.HostName}\"; gardener's check misses it, and on that host gardener-node-agent writes both entries, the later one winning",
                            "declare each path once per host");
                    }
                }
                else
                {
                    seen[nodePath] = (isGlobal, file.HostName, isGlobal ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal) { file.HostName! }, file.Path);
                }
            }
        }
        Visit(specFiles, "$.spec.files");
        Visit(statusFiles, "$.status.extensionFiles");
    }
}
