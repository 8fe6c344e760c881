// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Concurrent;
using System.IO;

namespace Osc.Renderers;

/// <summary>
/// Fixed text shipped inside the assembly: the templates (every <c>Templates/*.tpl</c>, embedded under
/// <see cref="TemplatePrefix"/> by file name, so two templates cannot share a name) and containerd's base
/// configs. Read once each.
/// </summary>
internal static class EmbeddedText
{
    public const string TemplatePrefix = "Osc.Renderers.Templates.";

    private static readonly ConcurrentDictionary<string, string?> Cache = new(StringComparer.Ordinal);

    /// <summary>The template <paramref name="fileName"/> (e.g. "install-ntp.sh.tpl"); one that is not embedded is a build bug in Osc.</summary>
    public static string Template(string fileName) =>
        Resource(TemplatePrefix + fileName) ?? throw new InvalidOperationException($"template {fileName} is not embedded in {typeof(EmbeddedText).Assembly.GetName().Name}; this is a bug in Osc's build");

    /// <summary>The embedded resource's text, or null when there is none of that name.</summary>
    public static string? Resource(string name) => Cache.GetOrAdd(name, static name =>
    {
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
