using System;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace WandbAuth.Api
{
    /// <summary>What a server said was wrong: its message and, when it gave one, its error code.</summary>
    internal sealed class ServerError
    {
        public ServerError(string message, string? code) { Message = message; Code = code; }
        public string Message { get; }
        public string? Code { get; }

        /// <summary>
        /// The error in an answer's body: GraphQL's {"errors":[{"message","extensions":{"code"}}]}, or the plain
        /// {"error": "..."} that gateways and some W&amp;B endpoints send. Null when the body says nothing usable.
        /// </summary>
        public static ServerError? From(JObject? body)
        {
            if (body == null) return null;
            if (body["errors"] is JArray errors)
            {
                var first = errors.OfType<JObject>().FirstOrDefault(e => !string.IsNullOrEmpty((string?)e["message"]));
                if (first != null) return new ServerError((string)first["message"]!, CodeOf(first));
            }
            if (body["error"] is JValue error && error.Type == JTokenType.String && !string.IsNullOrEmpty((string?)error))
                return new ServerError((string)error!, null);
            if (body["error"] is JObject nested && !string.IsNullOrEmpty((string?)nested["message"]))
                return new ServerError((string)nested["message"]!, (string?)nested["code"]);
            return null;
        }

        private static string? CodeOf(JObject error)
        {
            try { return (string?)error["extensions"]?["code"]; }
            catch (ArgumentException) { return null; } // a code that is not a string (or an extensions that is not an object)
        }

        /// <summary>
        /// The kind of an error W&amp;B reported. Phrases first, for the few answers users must tell apart: "relogin
        /// required" (the server did not recognise this client, wandb PR #12009) and an organization that disabled key
        /// creation. Then the code (W&amp;B sends "PERMISSION_ERROR", also with its 401 "user is not logged in"), then the
        /// HTTP status, then the wording.
        /// </summary>
        public static ApiErrorKind Classify(int status, ServerError? error)
        {
            var m = error?.Message.ToLowerInvariant() ?? "";
            if (m.Contains("relogin required")) return ApiErrorKind.ClientNotRecognized;
            if (m.Contains("api key creation") && m.Contains("disabled")) return ApiErrorKind.KeyCreationDisabled;
            if (status == 401 || m.Contains("not logged in") || m.Contains("invalid api key")) return ApiErrorKind.KeyRejected;
            switch (error?.Code?.ToUpperInvariant())
            {
                case "PERMISSION_ERROR":
                case "FORBIDDEN":
                    return ApiErrorKind.PermissionDenied;
                case "UNAUTHENTICATED":
                case "UNAUTHORIZED":
                    return ApiErrorKind.KeyRejected;
                case "NOT_FOUND":
                    return ApiErrorKind.NotFound;
                case "RATE_LIMITED":
                case "TOO_MANY_REQUESTS":
                    return ApiErrorKind.RateLimited;
            }
            if (status == 403) return ApiErrorKind.PermissionDenied;
            if (status == 429) return ApiErrorKind.RateLimited;
            if (m.Contains("permission") || m.Contains("not authorized") || m.Contains("forbidden") || m.Contains("unauthorized") || m.Contains("not allowed"))
                return ApiErrorKind.PermissionDenied;
            if (m.Contains("not found") || m.Contains("does not exist") || m.Contains("no such"))
                return ApiErrorKind.NotFound;
            return ApiErrorKind.GraphQLError;
        }
    }
}
