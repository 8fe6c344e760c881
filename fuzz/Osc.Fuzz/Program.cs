// SPDX-License-Identifier: Apache-2.0
using System;
using System.IO;
using System.Linq;
using Osc.Model.Diagnostics;
using Osc.Model.Loading;
using Osc.Renderers;
using SharpFuzz;

// Under afl-fuzz: one input per run on stdin, a crash is any exception. With file arguments: replays
// them (a finding, or the regression folder) and exits 1 on the first that breaks.
if (args.Length > 0)
{
    foreach (var file in args.SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a).Order(StringComparer.Ordinal).ToArray() : new[] { a }))
    {
        try
        {
            using var stream = File.OpenRead(file);
            Check(stream);
            Console.WriteLine($"ok   {file}");
        }
        catch (Exception ex)
        {
            Console.WriteLine($"FAIL {file}: {ex}");
            return 1;
        }
    }
    return 0;
}
Fuzzer.OutOfProcess.Run(Check);
return 0;

static void Check(Stream stream)
{
    var report = new Report();
    if (OscLoader.ReadStream("fuzz", stream, report) is not { } input)
    {
        return;
    }
    var validated = OscRenderer.Validate(OscLoader.Load([input]));
    var rendered = OscRenderer.Render(OscLoader.Load([input]));
    if (validated.Items.Concat(rendered.Report.Items).FirstOrDefault(d => d.Code is "OSC9001" or "OSC9002") is { } internalError)
    {
        throw new InvalidOperationException("internal error reported: " + internalError);
    }
}
