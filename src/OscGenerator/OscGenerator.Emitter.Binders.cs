// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Linq;
using Osc.Generator.Helpers;
using Osc.Generator.Model;

namespace Osc.Generator;

public sealed partial class OscGenerator
{
    internal static partial class Emitter
    {
        private static string EmitBinder(SchemaSpec spec)
        {
            var writer = StartFile(spec);
            writer.WriteLine("/// <summary>");
            writer.WriteLine("/// Binds a positioned YAML tree to <see cref=\"" + spec.RootTypeName + "\"/> without reflection: every");
            writer.WriteLine("/// path's position goes into the context's source map, every problem into its report.");
            writer.WriteLine("/// </summary>");
            writer.WriteLine(GeneratedCodeAttribute);
            writer.WriteLine("public static partial class " + spec.BinderName);
            writer.OpenBrace();
            if (spec.ApiVersion is not null)
            {
                writer.WriteLine("/// <summary>The apiVersion that identifies this document kind.</summary>");
                writer.WriteLine("public const string ApiVersion = " + Naming.Literal(spec.ApiVersion) + ";");
                writer.WriteLine();
            }
            if (spec.Kind is not null)
            {
                writer.WriteLine("/// <summary>The kind that identifies this document kind.</summary>");
                writer.WriteLine("public const string Kind = " + Naming.Literal(spec.Kind) + ";");
                writer.WriteLine();
            }
            writer.WriteLine("/// <summary>Binds a whole document; its root path is <c>$</c>.</summary>");
            writer.WriteLine("public static global::" + spec.Namespace + "." + spec.RootTypeName + " Bind(" + YamlNode + " node, " + BindContext + " ctx) =>");
            writer.Indent();
            writer.WriteLine("Bind" + spec.RootTypeName + "(node, ctx, " + OscPath + ".Root);");
            writer.Unindent();

            foreach (var record in spec.Records)
            {
                writer.WriteLine();
                EmitRecordBinder(writer, spec, record);
            }
            writer.CloseBrace();
            return writer.ToString();
        }

        private static void EmitRecordBinder(SourceWriter writer, SchemaSpec spec, RecordSpec record)
        {
            var fullName = "global::" + spec.Namespace + "." + record.Name;
            var known = "Known" + record.Name;
            var removed = "Removed" + record.Name;
            writer.WriteLine("private static readonly string[] " + known + " = new string[] { "
                + string.Join(", ", record.Properties.Select(p => Naming.Literal(p.JsonName))) + " };");
            if (record.RemovedFields.Count > 0)
            {
                writer.WriteLine("private static readonly global::System.Collections.Generic.Dictionary<string, string> " + removed
                    + " = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.Ordinal)");
                writer.OpenBrace();
                foreach (var field in record.RemovedFields)
                {
                    writer.WriteLine("[" + Naming.Literal(field.JsonName) + "] = " + Naming.Literal(field.Hint) + ",");
                }
                writer.CloseBrace(";");
            }
            writer.WriteLine();
            writer.WriteLine("/// <summary>Binds <see cref=\"" + record.Name + "\"/> at <paramref name=\"path\"/>; a null node gives the defaults without a report.</summary>");
            writer.WriteLine("public static " + fullName + " Bind" + record.Name + "(" + YamlNode + "? node, " + BindContext + " ctx, string path)");
            writer.OpenBrace();
            writer.WriteLine("var mapping = ctx.BeginObject(node, path, " + Naming.Literal(record.Name) + ");");
            for (var i = 0; i < record.Properties.Count; i++)
            {
                var property = record.Properties[i];
                writer.WriteLine(HolderType(spec, property.Type) + " v" + I(i) + " = null;");
                if (property.Required)
                {
                    writer.WriteLine("var has" + I(i) + " = false;");
                }
            }
            writer.WriteLine("if (mapping is not null)");
            writer.OpenBrace();
            writer.WriteLine("foreach (var entry in mapping.Entries)");
            writer.OpenBrace();
            writer.WriteLine("var fieldPath = ctx.EnterField(entry, path);");
            writer.WriteLine("switch (entry.Key.Value)");
            writer.OpenBrace();
            for (var i = 0; i < record.Properties.Count; i++)
            {
                var property = record.Properties[i];
                writer.WriteLine("case " + Naming.Literal(property.JsonName) + ":");
                writer.Indent();
                writer.WriteLine("if (!" + BindContext + ".IsNull(entry.Value))");
                writer.OpenBrace();
                if (property.Required)
                {
                    writer.WriteLine("has" + I(i) + " = true;");
                }
                var read = property.ConstValue is not null
                    ? "ctx.ReadConst(entry.Value, fieldPath, " + Naming.Literal(property.ConstValue) + ")"
                    : ReadExpression(spec, property.Type, "entry.Value", "fieldPath", property.Required, 0);
                writer.WriteLine("v" + I(i) + " = " + read + ";");
                writer.CloseBrace();
                writer.WriteLine("break;");
                writer.Unindent();
            }
            writer.WriteLine("default:");
            writer.Indent();
            if (!record.AllowsUnknownFields)
            {
                writer.WriteLine("ctx.UnknownField(entry, fieldPath, " + Naming.Literal(record.Name) + ", " + known + ", "
                    + (record.RemovedFields.Count > 0 ? removed : "null") + ");");
            }
            writer.WriteLine("break;");
            writer.Unindent();
            writer.CloseBrace();
            writer.CloseBrace();
            for (var i = 0; i < record.Properties.Count; i++)
            {
                var property = record.Properties[i];
                if (property.Required)
                {
                    writer.WriteLine("if (!has" + I(i) + ")");
                    writer.OpenBrace();
                    writer.WriteLine("ctx.MissingRequired(mapping, path, " + Naming.Literal(property.JsonName) + ");");
                    writer.CloseBrace();
                }
            }
            writer.CloseBrace();
            writer.WriteLine("return new " + fullName);
            writer.OpenBrace();
            for (var i = 0; i < record.Properties.Count; i++)
            {
                var property = record.Properties[i];
                var value = "v" + I(i);
                if (property.Required)
                {
                    var fallback = DefaultValue(spec, property.Type, OscPath + ".Property(path, " + Naming.Literal(property.JsonName) + ")");
                    if (fallback is not null)
                    {
                        value += " ?? " + fallback;
                    }
                }
                writer.WriteLine(property.CsName + " = " + value + ",");
            }
            writer.CloseBrace(";");
            writer.CloseBrace();
        }

        private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);

        /// <summary>The nullable local that holds a property's value while the mapping is read.</summary>
        private static string HolderType(SchemaSpec spec, TypeRefSpec type) =>
            type.Kind == TypeKind.Any ? JsonNode + "?" : TypeName(spec, type) + "?";

        /// <summary>What a missing required property gets (after the binder reported it); null when null is right.</summary>
        private static string? DefaultValue(SchemaSpec spec, TypeRefSpec type, string pathExpression) => type.Kind switch
        {
            TypeKind.String => "\"\"",
            TypeKind.Boolean => "false",
            TypeKind.Int32 or TypeKind.Int64 or TypeKind.UInt32 or TypeKind.Number => "0",
            TypeKind.Record => "Bind" + type.Name + "(null, ctx, " + pathExpression + ")",
            TypeKind.Enum => "default",
            TypeKind.List => "global::System.Array.Empty<" + ElementTypeName(spec, type.Element!) + ">()",
            TypeKind.Map => "new global::System.Collections.Generic.Dictionary<string, " + ElementTypeName(spec, type.Element!) + ">()",
            _ => null,
        };

        /// <summary>An expression reading <paramref name="node"/> as <paramref name="type"/>; null-valued unless noted.</summary>
        private static string ReadExpression(SchemaSpec spec, TypeRefSpec type, string node, string path, bool required, int depth)
        {
            switch (type.Kind)
            {
                case TypeKind.String:
                    return "ctx.ReadString(" + node + ", " + path + ")";
                case TypeKind.Boolean:
                    return "ctx.ReadBoolean(" + node + ", " + path + ")";
                case TypeKind.Int32:
                    return "(int?)ctx.ReadInteger(" + node + ", " + path + ", " + Bound(type.Minimum, int.MinValue) + ", " + Bound(type.Maximum, int.MaxValue) + ")";
                case TypeKind.UInt32:
                    return "(uint?)ctx.ReadInteger(" + node + ", " + path + ", " + Bound(type.Minimum, 0) + ", " + Bound(type.Maximum, uint.MaxValue) + ")";
                case TypeKind.Int64:
                    return "ctx.ReadInteger(" + node + ", " + path + ", " + Bound(type.Minimum, long.MinValue) + ", " + Bound(type.Maximum, long.MaxValue) + ")";
                case TypeKind.Number:
                    return "ctx.ReadNumber(" + node + ", " + path + ")";
                case TypeKind.Any:
                    return ReadAnyExpression(type, node, path);
                case TypeKind.Record:
                    return "Bind" + type.Name + "(" + node + ", ctx, " + path + ")";
                case TypeKind.Enum:
                    var wire = "global::" + spec.Namespace + "." + type.Name + "Wire";
                    var @enum = spec.Enums.FirstOrDefault(e => e.Name == type.Name);
                    // Open enums and Go zero values read differently; plain enums keep the short call.
                    var reading = @enum is null || (@enum.UnknownValueMeans is null && !@enum.EmptyIsUnset)
                        ? string.Empty
                        : ", emptyIsUnset: " + (@enum.EmptyIsUnset ? "true" : "false")
                            + ", unknownValueMeans: " + (@enum.UnknownValueMeans is null ? "null" : Naming.Literal(@enum.UnknownValueMeans));
                    return "ctx.ReadEnum<" + TypeName(spec, type) + ">(" + node + ", " + path + ", " + wire + ".TryParse, "
                        + wire + ".Values, " + (required ? "true" : "false") + reading + ")";
                case TypeKind.List:
                case TypeKind.Map:
                    var n = "n" + I(depth);
                    var p = "p" + I(depth);
                    var item = ElementExpression(spec, type.Element!, n, p, depth + 1);
                    var method = type.Kind == TypeKind.List ? "ReadList" : "ReadMap";
                    return "ctx." + method + "<" + ElementTypeName(spec, type.Element!) + ">(" + node + ", " + path + ", (" + n + ", " + p + ") => " + item + ")";
                default:
                    return "null";
            }
        }

        /// <summary>A list item or map value: never null (a null item is reported and replaced), except "any".</summary>
        private static string ElementExpression(SchemaSpec spec, TypeRefSpec type, string node, string path, int depth) => type.Kind switch
        {
            TypeKind.String => "ctx.ReadRequiredString(" + node + ", " + path + ")",
            TypeKind.Record => "Bind" + type.Name + "(" + node + ", ctx, " + path + ")",
            TypeKind.Any => ReadAnyExpression(type, node, path),
            _ => ReadExpression(spec, type, node, path, required: true, depth) + " ?? " + DefaultValue(spec, type, path),
        };

        /// <summary>A free-form value; one the schema types as an object must be a mapping (or null).</summary>
        private static string ReadAnyExpression(TypeRefSpec type, string node, string path) =>
            (type.ObjectOnly ? "ctx.ReadAnyObject(" : "ctx.ReadAny(") + node + ", " + path + ")";

        private static string Bound(long? schemaBound, long typeBound) => (schemaBound ?? typeBound) switch
        {
            long.MinValue => "long.MinValue",
            long.MaxValue => "long.MaxValue",
            var value => value.ToString(CultureInfo.InvariantCulture) + "L",
        };
    }
}
