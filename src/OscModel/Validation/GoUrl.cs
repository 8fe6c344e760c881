// SPDX-License-Identifier: Apache-2.0
using System;

namespace Osc.Model.Validation;

/// <summary>
/// The parts of Go's <c>net/url.Parse</c> that gardener's registry validation depends on: which
/// strings fail to parse, and the scheme and host of those that parse. Go is lenient (a bare
/// <c>1a</c> is a path with no host), so System.Uri would disagree on the cases that matter.
/// </summary>
internal static class GoUrl
{
    public readonly record struct Parsed(string Scheme, string Host);

    public static bool TryParse(string raw, out Parsed parsed, out string error)
    {
        parsed = default;
        error = "";
        foreach (var c in raw)
        {
            if (c < 0x20 || c == 0x7f)
            {
                error = "net/url: invalid control character in URL";
                return false;
            }
        }
        var rest = raw;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }
        var scheme = "";
        var colon = SchemeEnd(rest, out var schemeError);
        if (schemeError is not null)
        {
            error = schemeError;
            return false;
        }
        if (colon > 0)
        {
            scheme = rest[..colon].ToLowerInvariant();
            rest = rest[(colon + 1)..];
        }
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            rest = rest[..query];
        }
        var host = "";
        if (rest.StartsWith("//", StringComparison.Ordinal) || (scheme.Length == 0 && rest.StartsWith("//", StringComparison.Ordinal)))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                authority = authority[..slash];
            }
            var at = authority.LastIndexOf('@');
            var hostPort = at >= 0 ? authority[(at + 1)..] : authority;
            if (!TrySplitHostPort(hostPort, out host, out error))
            {
                return false;
            }
        }
        else if (scheme.Length == 0)
        {
            // Go: a colon in the first path segment of a scheme-less URL is an error.
            var firstSegment = rest.Split('/')[0];
            if (firstSegment.Contains(':', StringComparison.Ordinal))
            {
                error = "first path segment in URL cannot contain colon";
                return false;
            }
        }
        if (!PercentEscapesValid(raw))
        {
            error = "invalid URL escape";
            return false;
        }
        parsed = new Parsed(scheme, host);
        return true;
    }

    /// <summary>Index of the scheme's ':' (0 when there is no scheme), as Go's getScheme.</summary>
    private static int SchemeEnd(string s, out string? error)
    {
        error = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return 0;
                }
                continue;
            }
            if (c == ':')
            {
                if (i == 0)
                {
                    error = "missing protocol scheme";
                    return -1;
                }
                return i;
            }
            return 0;
        }
        return 0;
    }

    private static bool TrySplitHostPort(string hostPort, out string host, out string error)
    {
        error = "";
        host = hostPort;
        string port;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "missing ']' in host";
                return false;
            }
            host = hostPort[..(close + 1)];
            port = hostPort[(close + 1)..];
            if (port.Length > 0 && port[0] != ':')
            {
                error = "invalid port after host";
                return false;
            }
            port = port.Length > 0 ? port[1..] : "";
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            if (colon < 0)
            {
                return true;
            }
            host = hostPort[..colon];
            port = hostPort[(colon + 1)..];
        }
        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = $"invalid port \":{port}\" after host";
                return false;
            }
        }
        return true;
    }

    private static bool PercentEscapesValid(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%')
            {
                continue;
            }
            if (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2]))
            {
                return false;
            }
            i += 2;
        }
        return true;
    }
}
