// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.IO;
using Osc.Renderers;

namespace Osc.Cli;

/// <summary>
/// Writes rendered objects as DIR/&lt;namespace&gt;/&lt;name&gt;/rootfs/… with their modes. Everything is
/// written into a temporary directory beside DIR first and moved into place only when complete,
/// so a failed run leaves no partial tree.
/// </summary>
internal static class OutputTree
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    /// <param name="outputDirectory">DIR.</param>
    /// <param name="objects">What to write.</param>
    /// <param name="objectStaged">Called after each object is written to the staging folder (progress).</param>
    public static void Write(string outputDirectory, IReadOnlyList<RenderedObject> objects, Action? objectStaged = null)
    {
        var output = Path.GetFullPath(outputDirectory);
        var parent = Path.GetDirectoryName(output) ?? throw new IOException($"{output} has no parent directory");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".osc-staging-{Guid.NewGuid():N}");
        try
        {
            foreach (var rendered in objects)
            {
                var objectDirectory = Path.Combine(staging, rendered.Namespace, rendered.Name);
                CreateDirectory(objectDirectory);
                if (rendered.UserData is { } userData)
                {
                    // The cloud_config value of the result Secret: a secret, so only root reads it.
                    var userDataPath = Path.Combine(objectDirectory, "user-data");
                    File.WriteAllBytes(userDataPath, rendered.CompressedUserData ?? System.Text.Encoding.UTF8.GetBytes(userData));
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(userDataPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    }
                }
                if (rendered.StatusYaml is { } status)
                {
                    File.WriteAllText(Path.Combine(objectDirectory, "status.yaml"), status);
                }
                if (rendered.Rootfs.Count == 0 && rendered.Directories.Count == 0)
                {
                    objectStaged?.Invoke();
                    continue;
                }
                var rootfs = Path.Combine(objectDirectory, "rootfs");
                CreateDirectory(rootfs);
                foreach (var directory in rendered.Directories)
                {
                    CreateDirectory(Inside(rootfs, directory));
                }
                foreach (var artifact in rendered.Rootfs)
                {
                    var path = Inside(rootfs, artifact.Path);
                    CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllBytes(path, artifact.Content);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(path, (UnixFileMode)artifact.Mode);
                    }
                }
                objectStaged?.Invoke();
            }
            MoveIntoPlace(staging, output, objects);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Moves each object's folder into DIR, replacing an older render of the same object.</summary>
    private static void MoveIntoPlace(string staging, string output, IReadOnlyList<RenderedObject> objects)
    {
        CreateDirectory(output);
        foreach (var rendered in objects)
        {
            var target = Path.Combine(output, rendered.Namespace, rendered.Name);
            CreateDirectory(Path.GetDirectoryName(target)!);
            string? old = null;
            if (Directory.Exists(target))
            {
                old = target + $".osc-old-{Guid.NewGuid():N}";
                Directory.Move(target, old);
            }
            Directory.Move(Path.Combine(staging, rendered.Namespace, rendered.Name), target);
            if (old is not null)
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }

    /// <summary>The file's place under rootfs; a path that would leave rootfs is our bug (validation rejects '..').</summary>
    private static string Inside(string rootfs, string nodePath)
    {
        var full = Path.GetFullPath(Path.Combine(rootfs, nodePath.TrimStart('/')));
        if (!full.StartsWith(rootfs + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"rendered path {nodePath} leaves the rootfs view");
        }
        return full;
    }

    private static void CreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }
}
