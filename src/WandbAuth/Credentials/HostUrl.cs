using System;
using System.Net;
using System.Text;

namespace WandbAuth.Credentials
{
    /// <summary>Base URL rules: which hosts may see a key over plain HTTP, and names derived from a host.</summary>
    internal static class HostUrl
    {
        public static readonly Uri PublicCloud = new Uri("https://api.wandb.ai");
        public const string DefaultSecretName = "WandbApiKey";

        /// <summary>Parses and normalises a base URL ("host", "host:port" and full URLs are accepted).</summary>
        public static Uri Parse(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.IndexOf("://", StringComparison.Ordinal) < 0) trimmed = "https://" + trimmed;
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"'{text}' is not a W&B base URL. Give one like https://api.wandb.ai or https://wandb.example.com.");
            return Normalise(uri);
        }

        public static Uri Normalise(Uri uri)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"'{uri}' is not a W&B base URL. Give one like https://api.wandb.ai or https://wandb.example.com.");
            // The UI host (wandb.ai) and the API host (api.wandb.ai) are the same service for users.
            var host = uri.Host.Equals("wandb.ai", StringComparison.OrdinalIgnoreCase) ? "api.wandb.ai" : uri.Host.ToLowerInvariant();
            var builder = new UriBuilder(uri.Scheme, host, uri.Port, uri.AbsolutePath.TrimEnd('/'));
            return new Uri(builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>A key goes over plain HTTP only to loopback, unless the user explicitly opted in.</summary>
        public static void RequireSecureTransport(Uri uri, bool allowUnencrypted)
        {
            if (uri.Scheme == Uri.UriSchemeHttps || allowUnencrypted || IsLoopback(uri)) return;
            throw new InsecureTransportException(
                $"Refusing to send a W&B API key to {uri.GetLeftPart(UriPartial.Authority)} over unencrypted HTTP. " +
                "Use an https:// base URL, or add -AllowUnencryptedAuthentication if you accept that the key can be read on the network.");
        }

        /// <summary>The .netrc machine name the wandb CLI writes: host, with the port when it is not the scheme's default.</summary>
        public static string NetrcMachine(Uri uri) => uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port;

        /// <summary>
        /// The default vault secret name: WandbApiKey for the public cloud, WandbApiKey-&lt;host&gt; elsewhere, with every
        /// character Azure Key Vault refuses in a name ([^0-9a-zA-Z-]) written as '-'.
        /// </summary>
        public static string SecretNameFor(Uri uri)
        {
            if (IsPublicCloud(uri)) return DefaultSecretName;
            var sb = new StringBuilder(DefaultSecretName).Append('-');
            foreach (var c in NetrcMachine(uri)) sb.Append(IsAsciiLetterOrDigit(c) ? c : '-');
            return sb.ToString();
        }

        public static bool IsPublicCloud(Uri uri) =>
            uri.Host.Equals(PublicCloud.Host, StringComparison.OrdinalIgnoreCase) && uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort;

        /// <summary>Where a person gets a key for this server.</summary>
        public static string AuthorizeUrl(Uri uri) =>
            IsPublicCloud(uri) ? "https://wandb.ai/authorize" : uri.GetLeftPart(UriPartial.Authority) + "/authorize";

        private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    internal sealed class InsecureTransportException : InvalidOperationException
    {
        public InsecureTransportException(string message) : base(message) { }
    }
}
