// SPDX-License-Identifier: Apache-2.0
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Osc.Model;
using Osc.Renderers.OperatingSystems;

namespace Osc.Renderers;

/// <summary>
/// status.yaml of a reconcile OSC: the OS extension's extensionUnits, extensionFiles and
/// inPlaceUpdates, with the API's field names in sorted order. Strings are double-quoted (JSON
/// escapes are valid YAML), so no value can change the document's structure.
/// </summary>
internal static class StatusYamlRenderer
{
    public static string Render(OsReconcileOutput output)
    {
        System.ArgumentNullException.ThrowIfNull(output);
        var yaml = new StringBuilder();
        yaml.Append("extensionFiles:").Append(output.Files.Count == 0 ? " []\n" : "\n");
        foreach (var file in output.Files)
        {
            yaml.Append("- content:\n    inline:\n      data: ").Append(GoJson.String(file.Content.Inline?.Data ?? ""))
                .Append("\n      encoding: ").Append(GoJson.String(file.Content.Inline?.Encoding.ToWire() ?? "")).Append('\n')
                .Append("  path: ").Append(GoJson.String(file.Path)).Append('\n');
            if (file.Permissions is { } mode)
            {
                yaml.Append("  permissions: ").Append(mode.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        yaml.Append("extensionUnits:").Append(output.Units.Count == 0 ? " []\n" : "\n");
        foreach (var unit in output.Units)
        {
            var fields = new List<string>();
            if (unit.Command is { } command)
            {
                fields.Add("command: " + command.ToWire());
            }
            if (unit.Content is { } content)
            {
                fields.Add("content: " + GoJson.String(content));
            }
            if (unit.DropIns is { Count: > 0 } dropIns)
            {
                var text = new StringBuilder("dropIns:");
                foreach (var dropIn in dropIns)
                {
                    text.Append("\n  - content: ").Append(GoJson.String(dropIn.Content)).Append("\n    name: ").Append(GoJson.String(dropIn.Name));
                }
                fields.Add(text.ToString());
            }
            if (unit.Enable is { } enable)
            {
                fields.Add("enable: " + (enable ? "true" : "false"));
            }
            if (unit.FilePaths is { Count: > 0 } filePaths)
            {
                var text = new StringBuilder("filePaths:");
                foreach (var path in filePaths)
                {
                    text.Append("\n  - ").Append(GoJson.String(path));
                }
                fields.Add(text.ToString());
            }
            fields.Add("name: " + GoJson.String(unit.Name));
            yaml.Append("- ").Append(string.Join("\n  ", fields)).Append('\n');
        }
        if (output.InPlaceUpdates?.OsUpdate is { } update)
        {
            yaml.Append("inPlaceUpdates:\n  osUpdate:\n");
            if (update.Args is { Count: > 0 } args)
            {
                yaml.Append("    args:\n");
                foreach (var arg in args)
                {
                    yaml.Append("    - ").Append(GoJson.String(arg)).Append('\n');
                }
            }
            yaml.Append("    command: ").Append(GoJson.String(update.Command)).Append('\n');
        }
        return yaml.ToString();
    }
}
