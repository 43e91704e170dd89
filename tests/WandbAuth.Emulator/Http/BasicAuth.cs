using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WandbAuth.Emulator.Http;

/// <summary>Reads the key from `Authorization: Basic base64("api:" + key)`, the only scheme W&amp;B takes for keys.</summary>
internal static class BasicAuth
{
    /// <returns>The key, or null when the header is missing, malformed, or names a user other than "api".</returns>
    public static string? KeyFrom(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        // Strict on purpose: a client that sends another user name has a bug the tests should see.
        const string user = "api:";
        return credentials.StartsWith(user, StringComparison.Ordinal) ? credentials[user.Length..] : null;
    }
}
