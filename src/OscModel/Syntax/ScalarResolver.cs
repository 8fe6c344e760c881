// SPDX-License-Identifier: Apache-2.0
using System;
using System.Globalization;

namespace Osc.Model.Syntax;

/// <summary>The kind a scalar resolves to.</summary>
public enum ScalarKind
{
    Null,
    Bool,
    Int,
    Float,
    String,
}

/// <summary>A scalar resolved the way Kubernetes reads YAML.</summary>
public readonly record struct ResolvedScalar(ScalarKind Kind, string Text, bool Bool = false, long Int = 0, double Float = 0)
{
    /// <summary>Name used in messages ("string", "integer", ...).</summary>
    public string KindName => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Bool => "boolean",
        ScalarKind.Int => "integer",
        ScalarKind.Float => "number",
        _ => "string",
    };
}

/// <summary>
/// Resolves plain scalars like sigs.k8s.io/yaml (go-yaml v2): YAML 1.1 booleans and nulls, and
/// integers through Go's <c>strconv.ParseInt(s, 0, 64)</c> after removing <c>_</c>, so <c>0644</c> is
/// octal 420. Quoted and block scalars are always strings.
/// </summary>
public static class ScalarResolver
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string NullTag = "tag:yaml.org,2002:null";

    public static ResolvedScalar Resolve(YamlScalar scalar)
    {
        var text = scalar.Value;
        switch (scalar.Tag)
        {
            case StrTag or "!":
                return new ResolvedScalar(ScalarKind.String, text);
            case NullTag:
                return new ResolvedScalar(ScalarKind.Null, text);
            case BoolTag:
                return TryBool(text, out var b) ? new ResolvedScalar(ScalarKind.Bool, text, Bool: b) : new ResolvedScalar(ScalarKind.String, text);
            case IntTag:
                return ResolvePlain(text);
            case FloatTag:
                // go-yaml reads !!float 1 as the float 1, not the integer
                return ResolvePlain(text) is { Kind: ScalarKind.Int } integer
                    ? new ResolvedScalar(ScalarKind.Float, text, Float: integer.Int)
                    : ResolvePlain(text);
        }
        return scalar.Style == ScalarStyle.Plain ? ResolvePlain(text) : new ResolvedScalar(ScalarKind.String, text);
    }

    private static ResolvedScalar ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new ResolvedScalar(ScalarKind.Null, text);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new ResolvedScalar(ScalarKind.Float, text, Float: double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new ResolvedScalar(ScalarKind.Float, text, Float: double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return new ResolvedScalar(ScalarKind.Float, text, Float: double.NaN);
        }
        if (TryBool(text, out var boolean))
        {
            return new ResolvedScalar(ScalarKind.Bool, text, Bool: boolean);
        }
        var first = text[0];
        if (char.IsAsciiDigit(first) || first is '+' or '-' or '.')
        {
            var plain = text.Replace("_", "", StringComparison.Ordinal);
            if (TryGoParseInt(plain, out var integer))
            {
                return new ResolvedScalar(ScalarKind.Int, text, Int: integer);
            }
            if (IsYamlFloat(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return new ResolvedScalar(ScalarKind.Float, text, Float: number);
            }
        }
        return new ResolvedScalar(ScalarKind.String, text);
    }

    private static bool TryBool(string text, out bool value)
    {
        switch (text)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE":
                value = true;
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>: sign, then 0x/0o/0b prefixes or a leading 0 for octal.</summary>
    internal static bool TryGoParseInt(string s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        var radix = 10;
        if (s.Length - i >= 2 && s[i] == '0')
        {
            switch (s[i + 1])
            {
                case 'x' or 'X': radix = 16; i += 2; break;
                case 'o' or 'O': radix = 8; i += 2; break;
                case 'b' or 'B': radix = 2; i += 2; break;
                default: radix = 8; i += 1; break;
            }
        }
        if (i >= s.Length)
        {
            return false;
        }
        ulong magnitude = 0;
        for (; i < s.Length; i++)
        {
            var digit = HexValue(s[i]);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }
            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }
            magnitude = magnitude * (ulong)radix + (ulong)digit;
        }
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = magnitude == (ulong)long.MaxValue + 1 ? long.MinValue : -(long)magnitude;
            return true;
        }
        if (magnitude > long.MaxValue)
        {
            return false;
        }
        value = (long)magnitude;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>go-yaml's float pattern: <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>.</summary>
    private static bool IsYamlFloat(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }
        var intDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            intDigits++;
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fracDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                fracDigits++;
            }
            if (intDigits == 0 && fracDigits == 0)
            {
                return false;
            }
        }
        else if (intDigits == 0)
        {
            return false;
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }
            var expDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                expDigits++;
            }
            if (expDigits == 0)
            {
                return false;
            }
        }
        return i == s.Length;
    }
}
