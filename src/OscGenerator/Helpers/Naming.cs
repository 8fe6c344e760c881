// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Text;

namespace Osc.Generator.Helpers;

/// <summary>Turning schema names into C# identifiers.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// Type names that clash with types every C# file sees through implicit usings (System, System.IO,
    /// System.Linq, System.Collections.Generic, System.Threading(.Tasks), System.Net.Http).
    /// </summary>
    public static readonly HashSet<string> ImplicitUsingTypeNames = new()
    {
        "Action", "Array", "Attribute", "Buffer", "Console", "Convert", "DateTime", "Delegate", "Directory", "Enum",
        "Environment", "Exception", "File", "Func", "Guid", "HttpClient", "Index", "Lazy", "List", "Math", "Monitor",
        "Nullable", "Object", "Path", "Queue", "Random", "Range", "Stack", "Stream", "String", "Task", "Thread",
        "Timer", "TimeSpan", "Tuple", "Type", "Uri", "ValueTask", "Version", "Volatile",
    };

    /// <summary>PascalCase from words separated by '-', '_', '.', ' ' or camelCase humps ("systemd-timesyncd" → "SystemdTimesyncd").</summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upperNext = true;
        foreach (var c in name)
        {
            if (c == '-' || c == '_' || c == '.' || c == ' ' || c == '/')
            {
                upperNext = true;
                continue;
            }
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }
            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }
        if (builder.Length > 0 && char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }

    public static bool IsValidIdentifier(string name)
    {
        if (name.Length == 0 || Keywords.Contains(name) || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }
        return true;
    }

    public static bool IsValidNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!IsValidIdentifier(part))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string XmlEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
