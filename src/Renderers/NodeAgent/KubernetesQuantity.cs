// SPDX-License-Identifier: Apache-2.0
namespace Osc.Renderers.NodeAgent;

/// <summary>
/// Whether apimachinery's resource.ParseQuantity accepts a string (pkg/api/resource/quantity.go,
/// parseQuantityString and the suffixer): an optional sign, digits with an optional fraction, then a
/// suffix that is empty, n, u, m, k, M, G, T, P, E, Ki … Ei, or e/E with a (signed) integer exponent.
/// Only validity is computed; gardener-node-agent uses nothing more of the value. Like upstream, a suffix
/// alone is zero ("Ki", "m").
/// </summary>
internal static class KubernetesQuantity
{
    public static bool IsValid(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }
        if (text == "0")
        {
            return true;
        }
        var pos = 0;
        if (text[0] is '-' or '+')
        {
            pos++;
        }
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }
        if (pos == text.Length)
        {
            return true;
        }
        // The suffix: letters of "eEinumkKMGTP", then an optional sign and digits (the exponent); anything after is wrong.
        var suffixStart = pos;
        while (pos < text.Length && "eEinumkKMGTP".Contains(text[pos], System.StringComparison.Ordinal))
        {
            pos++;
        }
        var letters = text[suffixStart..pos];
        if (pos < text.Length && text[pos] is '-' or '+')
        {
            pos++;
        }
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos < text.Length)
        {
            return false;
        }
        var suffix = text[suffixStart..];
        return suffix is "n" or "u" or "m" or "k" or "M" or "G" or "T" or "P" or "E" or "Ki" or "Mi" or "Gi" or "Ti" or "Pi" or "Ei"
            || (letters is "e" or "E" && suffix.Length > 1 && long.TryParse(suffix[1..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
