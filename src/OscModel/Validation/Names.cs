// SPDX-License-Identifier: Apache-2.0
using System.Linq;

namespace Osc.Model.Validation;

/// <summary>Kubernetes and systemd name rules.</summary>
public static class Names
{
    private static readonly string[] UnitSuffixes =
        [".service", ".socket", ".device", ".mount", ".automount", ".swap", ".target", ".path", ".timer", ".slice", ".scope"];

    /// <summary>A DNS-1123 subdomain: at most 253 characters of lowercase labels joined by dots.</summary>
    public static bool IsDnsSubdomain(string value)
    {
        if (value.Length is 0 or > 253)
        {
            return false;
        }
        foreach (var label in value.Split('.'))
        {
            if (label.Length == 0 || !IsAlphanumericLower(label[0]) || !IsAlphanumericLower(label[^1])
                || !label.All(c => IsAlphanumericLower(c) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A DNS-1123 label (what Kubernetes requires of a namespace): at most 63 lowercase letters, digits and '-', alphanumeric at both ends.</summary>
    public static bool IsDnsLabel(string value) =>
        value.Length is > 0 and <= 63 && IsAlphanumericLower(value[0]) && IsAlphanumericLower(value[^1])
        && value.All(c => IsAlphanumericLower(c) || c == '-');

    /// <summary>
    /// A generateName prefix as the API server checks it (apimachinery's maskTrailingDash, quirk
    /// included: a trailing '-' and the character before it become one "a"), then a DNS subdomain.
    /// </summary>
    public static bool IsDnsSubdomainPrefix(string value) =>
        IsDnsSubdomain(value.Length > 1 && value.EndsWith('-') ? value[..^2] + "a" : value);

    private static bool IsAlphanumericLower(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    /// <summary>A name that stays one file in its directory: not empty, not "." or "..", no '/' and no NUL.</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0 && name is not ("." or "..") && !name.Contains('/', System.StringComparison.Ordinal) && !name.Contains('\0', System.StringComparison.Ordinal);

    /// <summary>
    /// systemd's unit name rule (<c>unit_name_is_valid</c>): at most 255 characters of
    /// <c>[A-Za-z0-9:_.\-\\@]</c>, a known type suffix, a non-empty prefix and at most one '@'.
    /// </summary>
    public static bool IsSystemdUnitName(string name)
    {
        if (name.Length is 0 or > 255 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '.' or '-' or '\\' or '@'))
        {
            return false;
        }
        var suffix = UnitSuffixes.FirstOrDefault(s => name.EndsWith(s, System.StringComparison.Ordinal));
        if (suffix is null || name.Length == suffix.Length || name[0] == '@' || name.Count(c => c == '@') > 1)
        {
            return false;
        }
        return true;
    }
}
