// SPDX-License-Identifier: Apache-2.0
using System;
using System.CommandLine;
using System.Linq;
using Osc.Model;

namespace Osc.Cli;

/// <summary><c>osc schema [NAME] [--list]</c>: the JSON schemas for editors, on stdout.</summary>
internal sealed partial class OscApp
{
    private Command SchemaCommand()
    {
        var schemaName = new Argument<string?>("NAME")
        {
            Description = $"Schema to print: one document kind ({string.Join(", ", SchemaCatalog.Names)}). "
                + $"Without NAME (or with '{SchemaCatalog.ManifestName}'), the schema of every document Osc reads, chosen by apiVersion and kind.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var listSchemas = new Option<bool>("--list") { Description = "List the schema names instead of printing one." };
        var schema = new Command("schema", "Print a JSON schema for editors (yaml-language-server).") { schemaName, listSchemas };
        schema.SetAction(result => PrintSchema(result.GetValue(schemaName), result.GetValue(listSchemas)));
        // NAME is no file, but a '-name' there is still an unknown option.
        _inputArguments.Add(schemaName);
        return schema;
    }

    private int PrintSchema(string? name, bool list)
    {
        if (list)
        {
            if (name is not null)
            {
                _stderr.WriteLine("osc schema: --list takes no NAME");
                return ExitUsage;
            }
            foreach (var known in SchemaCatalog.Names.Prepend(SchemaCatalog.ManifestName))
            {
                _stdout.WriteLine(known);
            }
            return ExitOk;
        }
        name ??= SchemaCatalog.ManifestName;
        var text = SchemaCatalog.Read(name.EndsWith(".schema.json", StringComparison.Ordinal) ? name[..^".schema.json".Length] : name);
        if (text is null)
        {
            _stderr.WriteLine($"osc schema: no schema named '{TerminalText.Escape(name)}'; known: {string.Join(", ", SchemaCatalog.Names.Prepend(SchemaCatalog.ManifestName))}");
            return ExitUsage;
        }
        _stdout.Write(text);
        return ExitOk;
    }
}
