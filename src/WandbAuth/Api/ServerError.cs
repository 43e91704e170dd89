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
                foreach (var error in errors.OfType<JObject>())
                    if (Text(error["message"]) is string message) return new ServerError(message, Text((error["extensions"] as JObject)?["code"]));
            }
            if (Text(body["error"]) is string plain) return new ServerError(plain, null);
            if (body["error"] is JObject nested && Text(nested["message"]) is string nestedMessage)
                return new ServerError(nestedMessage, Text(nested["code"]));
            return null;
        }

        /// <summary>A non-empty string value, or null for anything else: a server's odd JSON never throws here.</summary>
        private static string? Text(JToken? token) =>
            token is JValue value && value.Type == JTokenType.String && value.Value is string text && text.Length > 0 ? text : null;

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
