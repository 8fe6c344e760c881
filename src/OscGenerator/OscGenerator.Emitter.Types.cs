// SPDX-License-Identifier: Apache-2.0
using System.Linq;
using Osc.Generator.Helpers;
using Osc.Generator.Model;

namespace Osc.Generator;

public sealed partial class OscGenerator
{
    internal static partial class Emitter
    {
        private static string EmitRecord(SchemaSpec spec, RecordSpec record)
        {
            var writer = StartFile(spec);
            WriteSummary(writer, record.Description);
            writer.WriteLine(GeneratedCodeAttribute);
            writer.WriteLine("public sealed partial record " + record.Name);
            writer.OpenBrace();
            var first = true;
            foreach (var property in record.Properties)
            {
                if (!first)
                {
                    writer.WriteLine();
                }
                first = false;
                var summary = property.Description;
                if (property.DefaultText is not null)
                {
                    summary = (summary is null ? string.Empty : summary + "\n") + "Default: " + property.DefaultText + ".";
                }
                WriteSummary(writer, summary);
                writer.WriteLine("[" + JsonPropertyName + "(" + Naming.Literal(property.JsonName) + ")]");
                var type = TypeName(spec, property.Type);
                var nullable = property.Type.Kind == TypeKind.Any || !property.Required ? "?" : string.Empty;
                var required = property.Required ? "required " : string.Empty;
                writer.WriteLine("public " + required + type + nullable + " " + property.CsName + " { get; init; }");
            }
            writer.CloseBrace();
            return writer.ToString();
        }

        private static string EmitEnum(SchemaSpec spec, EnumSpec @enum)
        {
            var writer = StartFile(spec);
            WriteSummary(writer, @enum.Description);
            writer.WriteLine(GeneratedCodeAttribute);
            writer.WriteLine("[global::System.Text.Json.Serialization.JsonConverter(typeof(global::System.Text.Json.Serialization.JsonStringEnumConverter<" + @enum.Name + ">))]");
            writer.WriteLine("public enum " + @enum.Name);
            writer.OpenBrace();
            foreach (var member in @enum.Members)
            {
                writer.WriteLine("/// <summary>Wire value <c>" + Naming.XmlEscape(member.WireName.Length == 0 ? "\"\"" : member.WireName) + "</c>.</summary>");
                writer.WriteLine("[global::System.Text.Json.Serialization.JsonStringEnumMemberName(" + Naming.Literal(member.WireName) + ")]");
                writer.WriteLine(member.CsName + ",");
            }
            writer.CloseBrace();
            writer.WriteLine();
            writer.WriteLine("/// <summary>The wire names of <see cref=\"" + @enum.Name + "\"/>, without reflection.</summary>");
            writer.WriteLine(GeneratedCodeAttribute);
            writer.WriteLine("public static partial class " + @enum.Name + "Wire");
            writer.OpenBrace();
            writer.WriteLine("/// <summary>Every wire value, in schema order.</summary>");
            writer.WriteLine("public static global::System.Collections.Generic.IReadOnlyList<string> Values { get; } = new string[] { "
                + string.Join(", ", @enum.Members.Select(m => Naming.Literal(m.WireName))) + " };");
            writer.WriteLine();
            writer.WriteLine("/// <summary>The value as written in YAML or JSON.</summary>");
            writer.WriteLine("public static string ToWire(this " + @enum.Name + " value) => value switch");
            writer.OpenBrace();
            foreach (var member in @enum.Members)
            {
                writer.WriteLine(@enum.Name + "." + member.CsName + " => " + Naming.Literal(member.WireName) + ",");
            }
            writer.WriteLine("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, null),");
            writer.CloseBrace(";");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Parses a wire value (case-sensitive, as the Go API is).</summary>");
            writer.WriteLine("public static bool TryParse(string? text, out " + @enum.Name + " value)");
            writer.OpenBrace();
            writer.WriteLine("switch (text)");
            writer.OpenBrace();
            foreach (var member in @enum.Members)
            {
                writer.WriteLine("case " + Naming.Literal(member.WireName) + ":");
                writer.Indent();
                writer.WriteLine("value = " + @enum.Name + "." + member.CsName + ";");
                writer.WriteLine("return true;");
                writer.Unindent();
            }
            writer.WriteLine("default:");
            writer.Indent();
            writer.WriteLine("value = default;");
            writer.WriteLine("return false;");
            writer.Unindent();
            writer.CloseBrace();
            writer.CloseBrace();
            writer.CloseBrace();
            return writer.ToString();
        }
    }
}
